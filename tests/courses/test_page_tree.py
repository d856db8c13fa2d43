from wagtail.models import Page

from courses.models import CourseCatalogue, CoursePage, LessonPage


def test_catalogue_allows_only_courses_below_it():
    assert CourseCatalogue.allowed_subpage_models() == [CoursePage]


def test_course_lives_only_in_a_catalogue_and_holds_only_lessons():
    assert CoursePage.allowed_parent_page_models() == [CourseCatalogue]
    assert CoursePage.allowed_subpage_models() == [LessonPage]


def test_lesson_lives_only_in_a_course_and_has_no_children():
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert LessonPage.allowed_subpage_models() == []


def test_can_create_at_follows_the_tree(course, catalogue, site_root):
    lesson = course.get_children().first().specific
    assert CourseCatalogue.can_create_at(site_root)
    assert CoursePage.can_create_at(catalogue)
    assert LessonPage.can_create_at(course)
    assert not CoursePage.can_create_at(site_root)
    assert not LessonPage.can_create_at(catalogue)
    assert not LessonPage.can_create_at(lesson)
    assert not CoursePage.can_create_at(course)
    assert not Page.objects.type(LessonPage).child_of(catalogue).exists()
