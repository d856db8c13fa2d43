"""The lesson body: which blocks a lesson may contain, in the editor's menu order."""

from wagtail import blocks

from courses.blocks.base import LESSON_RICH_TEXT_FEATURES
from courses.blocks.content import (
    AcknowledgementBlock,
    CalloutBlock,
    HeadingBlock,
    StepByStepBlock,
    TextBlock,
)
from courses.blocks.exercise import SandboxExerciseBlock
from courses.blocks.media import DocumentBlock, ImageBlock, VideoBlock
from courses.blocks.quiz import QuizBlock


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = TextBlock(features=LESSON_RICH_TEXT_FEATURES)
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    steps = StepByStepBlock()
    quiz = QuizBlock()
    sandbox_exercise = SandboxExerciseBlock()
    acknowledgement = AcknowledgementBlock()
