"""The indicators the public releases carry, described in the portal's own words.

The importer creates an indicator from here the first time a release brings it;
editors may then change its wording and set a target in the admin.
"""

CMS_SOURCE = "Centers for Medicare & Medicaid Services, Timely and Effective Care"
NCHS_SOURCE = "National Center for Health Statistics, Weekly Counts of Deaths by State"
CMS_SCHEDULE = "quarterly, when CMS refreshes its Provider Data Catalog"

DIALECT_SOURCES = {
    "cms-state": f"{CMS_SOURCE} – State",
    "cms-national": f"{CMS_SOURCE} – National",
    "cms-hospital": f"{CMS_SOURCE} – Hospital",
    "nchs-weekly": f"{NCHS_SOURCE} and Select Causes",
}

KNOWN_INDICATORS = {
    "SEP_1": {
        "name": "Sepsis care bundle followed (SEP-1)",
        "definition": "Share of adults with severe sepsis or septic shock whose early care "
        "followed every step of the national sepsis bundle.",
        "numerator": "Patients whose care met every element of the bundle",
        "denominator": "Eligible patients with severe sepsis or septic shock",
        "unit": "percent",
        "direction": "higher_is_better",
        "source": CMS_SOURCE,
        "axis_title": "% of eligible patients",
        "release_schedule": CMS_SCHEDULE,
    },
    "SEP_SH_3HR": {
        "name": "Septic shock: 3-hour bundle",
        "definition": "Share of patients with septic shock who received every 3-hour bundle step.",
        "numerator": "Patients who received every 3-hour step",
        "denominator": "Eligible patients with septic shock",
        "unit": "percent",
        "direction": "higher_is_better",
        "source": CMS_SOURCE,
        "axis_title": "% of eligible patients",
        "release_schedule": CMS_SCHEDULE,
    },
    "SEP_SH_6HR": {
        "name": "Septic shock: 6-hour bundle",
        "definition": "Share of patients with septic shock who received every 6-hour bundle step.",
        "numerator": "Patients who received every 6-hour step",
        "denominator": "Eligible patients with septic shock",
        "unit": "percent",
        "direction": "higher_is_better",
        "source": CMS_SOURCE,
        "axis_title": "% of eligible patients",
        "release_schedule": CMS_SCHEDULE,
    },
    "SEV_SEP_3HR": {
        "name": "Severe sepsis: 3-hour bundle",
        "definition": "Share of patients with severe sepsis who received every 3-hour bundle step.",
        "numerator": "Patients who received every 3-hour step",
        "denominator": "Eligible patients with severe sepsis",
        "unit": "percent",
        "direction": "higher_is_better",
        "source": CMS_SOURCE,
        "axis_title": "% of eligible patients",
        "release_schedule": CMS_SCHEDULE,
    },
    "SEV_SEP_6HR": {
        "name": "Severe sepsis: 6-hour bundle",
        "definition": "Share of patients with severe sepsis who received every 6-hour bundle step.",
        "numerator": "Patients who received every 6-hour step",
        "denominator": "Eligible patients with severe sepsis",
        "unit": "percent",
        "direction": "higher_is_better",
        "source": CMS_SOURCE,
        "axis_title": "% of eligible patients",
        "release_schedule": CMS_SCHEDULE,
    },
    "septicemia_deaths": {
        "name": "Deaths from septicemia",
        "definition": "Deaths each week with septicemia (ICD-10 A40–A41) as the underlying cause.",
        "numerator": "",
        "denominator": "",
        "unit": "count",
        "direction": "lower_is_better",
        "source": NCHS_SOURCE,
        "axis_title": "Deaths per week",
        "release_schedule": "none: the 2019–2020 counts are final",
    },
}
