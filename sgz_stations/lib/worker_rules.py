"""Age and education limits for station staff (seed L15, L4443).

Agency-dispatched social workers: at most 45 years old, 大专 or higher.
Converted 事务性 staff from the civil-affairs service: at most 50, 初中 or higher.
"""

from datetime import date

# Education levels in ascending order; the keys are the model's selection values.
EDUCATION_ORDER = [
    "primary",  # 小学
    "junior",  # 初中
    "senior",  # 高中/中专
    "college",  # 大专
    "bachelor",  # 本科
    "master",  # 硕士研究生
    "doctor",  # 博士研究生
]

LIMITS = {
    # employer type: (max age, minimum education)
    "agency": (45, "college"),
    "government": (50, "junior"),
}


def age_on(birth_date, on_date):
    """Whole years of age on ``on_date``."""
    years = on_date.year - birth_date.year
    if (on_date.month, on_date.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def education_at_least(education, minimum):
    if education not in EDUCATION_ORDER:
        return False
    return EDUCATION_ORDER.index(education) >= EDUCATION_ORDER.index(minimum)


def assignment_issues(employer_type, birth_date, education, on_date=None):
    """Return the unmet limits as ``(code, params)`` for assigning a worker."""
    on_date = on_date or date.today()
    max_age, min_education = LIMITS[employer_type]
    issues = []
    if not birth_date:
        issues.append(("no_birth_date", {}))
    else:
        age = age_on(birth_date, on_date)
        if age > max_age:
            issues.append(("age", {"age": age, "max": max_age}))
    if not education_at_least(education, min_education):
        issues.append(("education", {"minimum": min_education}))
    return issues
