"""Import quiz questions from the formats trainers already have: GIFT, Moodle XML
and Aiken.

No maintained parser for these formats is on offer (the GIFT parsers on PyPI were
last released years ago), so these are small parsers of our own for the question
kinds a Lotse quiz has: single and multiple choice, true/false and numbers. Every
parser returns raw StreamField items of `QuestionStreamBlock` or raises
`QuizImportError` with one German sentence per bad question — all or nothing.
"""

from courses.quiz_import.base import QuizImportError, question_items
from courses.quiz_import.parsers import FORMATS, parse_questions

__all__ = ["FORMATS", "QuizImportError", "parse_questions", "question_items"]
