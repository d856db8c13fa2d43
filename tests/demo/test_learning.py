"""The demo's assignment rules and progress look like a real town's, and stay put."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.learning import seed_learning
from lms.models import AssignmentRule, Certificate, Enrolment, LessonProgress
from lms.selectors.training import my_training


def test_demo_has_rules_and_a_believable_spread(demo_town):
    assert AssignmentRule.objects.count() >= 4
    today = timezone.localdate()
    states = {"done": 0, "overdue": 0, "in_progress": 0, "open": 0, "expiring": 0}
    for user in (
        get_user_model().objects.filter(enrolments__isnull=False).distinct()[:230]
    ):
        for item in my_training(user, today=today):
            states[item.state] = states.get(item.state, 0) + 1
    assert all(count > 0 for count in states.values()), states
    assert Certificate.objects.count() > 20


def test_seed_learning_is_idempotent(demo_town):
    def counts():
        return tuple(
            model.objects.count()
            for model in (AssignmentRule, Enrolment, LessonProgress, Certificate)
        )

    first = counts()
    seed_learning()
    assert counts() == first
