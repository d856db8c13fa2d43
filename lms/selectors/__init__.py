from lms.selectors.org import (
    org_subtree_ids,
    org_tree,
    org_units_led_by,
    org_units_with_member_counts,
    staff_profile_of,
    user_roles,
)

__all__ = [
    "org_subtree_ids",
    "org_tree",
    "org_units_led_by",
    "org_units_with_member_counts",
    "staff_profile_of",
    "user_roles",
]
