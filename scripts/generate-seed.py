#!/usr/bin/env python3
"""Generates Closeloop's synthetic demo directory in seed/ (deterministic: same output every run).

    python3 scripts/generate-seed.py           # writes seed/directory.json, barriers.json, schools.json
                                               # and Sources/Directory/BarrierVocabulary.swift
    python3 scripts/generate-seed.py --check   # validates the files against the demo brief

Everything here is fictional: the district (Cedar Valley Unified), its schools, every agency,
address, phone number (555-01xx) and web address (example.org). No real organization or person.
"""
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"
# The barrier vocabulary again, as Swift, for the migration that installs it in every store.
VOCABULARY_SWIFT = Path(__file__).resolve().parent.parent / "Sources" / "Directory" / "BarrierVocabulary.swift"
RNG = random.Random(20261123)
CENTER = (41.590, -93.620)
TODAY = datetime(2026, 11, 1, tzinfo=timezone.utc)

DOMAINS = ["academic", "social_emotional", "peer_relations", "health", "family", "career"]
INTENSITIES = ["prevention", "early_intervention", "intensive"]
SETTINGS = ["school_based", "community", "home_visit", "virtual"]
INSURANCE = ["medicaid", "chip", "private", "uninsured"]

# Each area: (name, center lat, center lon, spread km, postal codes)
AREAS = [
    ("Cedar Valley", 41.590, -93.620, 2.5, ["50301", "50302", "50303", "50304", "50305", "50306", "50307", "50308"]),
    ("Cedar Valley", 41.612, -93.655, 3.0, ["50309", "50310", "50311", "50312"]),
    ("Millbrook", 41.640, -93.700, 3.0, ["50313", "50314", "50315"]),
    ("North Fork", 41.690, -93.610, 3.0, ["50316", "50317", "50318"]),
    ("Eastgate", 41.585, -93.520, 3.0, ["50319", "50320", "50321"]),
    ("Prairie Heights", 41.530, -93.660, 3.0, ["50322", "50323", "50324"]),
    ("Riverside", 41.555, -93.580, 2.5, ["50325", "50326", "50327"]),
    ("Walnut Grove", 41.750, -93.760, 4.0, ["50328", "50329", "50330"]),
]
AREA_WEIGHTS = [30, 18, 12, 10, 10, 9, 8, 3]
STREETS = ["Elm St", "Oak Ave", "Maple Dr", "University Ave", "Grand Ave", "Ingersoll Ave", "Euclid Ave",
           "Hickman Rd", "Fleur Dr", "Park Ave", "Douglas Ave", "Hubbell Ave", "SE 14th St", "Keo Way",
           "Army Post Rd", "Beaver Ave", "Cottage Grove Ave", "Forest Ave", "Clark St", "Indianola Ave"]

# Open Eligibility terms (the Human Services taxonomy many HSDS feeds tag services with) are written
# "OE:<term>"; the importers turn a feed's term, by name or by a slug id, into that code.
MENTAL_HEALTH_OE = ["OE:Mental Health Care", "OE:Counseling", "OE:Mental Health Evaluation", "OE:Understand Mental Health"]

# (id, label, description, domains, intensities, taxonomy prefixes). A prefix ties a service to the
# barrier when one of the service's own codes lies under it; codes of the 211 taxonomy's facility and
# organization-type branches (RM, LN, LL, TC, ...) describe the agency and tie nothing (see
# PROVIDER_TYPE_BRANCHES), so no prefix may lie under them.
BARRIERS = [
    ("transportation", "Transportation", "No reliable way to get to school or to appointments.",
     ["family", "health"], ["prevention", "early_intervention"],
     ["BT-4500", "BT-8300", "OE:Transit", "OE:Transportation", "OE:Help Pay for Transit", "OE:Bus Passes",
      "OE:Transportation for Healthcare", "OE:Transportation for School"]),
    ("housing_instability", "Housing instability", "Behind on rent, doubled up, or facing eviction.",
     ["family"], ["early_intervention", "intensive"],
     ["BH-3800", "BH-8900", "BV-8900", "FT-1800", "OE:Housing", "OE:Help Pay for Housing", "OE:Cash for Housing",
      "OE:Help Pay for Rent", "OE:Housing Vouchers", "OE:Help Find Housing", "OE:Housing Advice",
      "OE:Help Pay for Utilities", "OE:Cash for Utilities"]),
    ("homelessness", "Homelessness", "Family is in a shelter, a car or otherwise without a fixed night-time residence (McKinney-Vento).",
     ["family", "health"], ["intensive"],
     ["BH-1800", "BH-8600", "OE:Emergency Shelter", "OE:Temporary Shelter", "OE:Short-Term Housing"]),
    ("food_insecurity", "Food insecurity", "Not enough food at home, weekends or summers.",
     ["health", "family"], ["prevention", "early_intervention"],
     ["BD-1800", "BD-5000", "NL-6000", "OE:Food", "OE:Emergency Food", "OE:Food Pantry", "OE:Free Meals", "OE:Meals",
      "OE:Food Delivery", "OE:Help Pay for Food", "OE:Food Benefits", "OE:Cash for Food"]),
    ("clothing_hygiene", "Clothing and hygiene", "No weather-appropriate clothes, shoes, or hygiene supplies.",
     ["family", "peer_relations"], ["prevention"],
     ["BM-6500", "OE:Clothing", "OE:Clothes for School", "OE:Clothing Vouchers", "OE:Baby Clothes",
      "OE:Personal Care Items", "OE:Personal Hygiene"]),
    # Every counseling code (RP-1400: general counseling RP-1400.2500, where a 211 files most youth and
    # family counseling programs, and the specialised RP-1400.8000-…) is a candidate for anxiety and
    # depression; a specialised one is also a candidate for its own barrier below.
    ("anxiety", "Anxiety", "Worry, panic or fear that keeps the student from class.",
     ["social_emotional", "health"], ["early_intervention", "intensive"], ["RP-1400"] + MENTAL_HEALTH_OE),
    ("depression", "Depression", "Persistent sadness, withdrawal, loss of interest.",
     ["social_emotional", "health"], ["early_intervention", "intensive"], ["RP-1400"] + MENTAL_HEALTH_OE),
    ("trauma", "Trauma", "Exposure to violence, abuse or loss with lasting effects.",
     ["social_emotional", "family"], ["early_intervention", "intensive"],
     ["RP-1400.8000-880", "RP-1400.8000-020", "PH-1800", "OE:Help Escape Violence"]),
    ("grief", "Grief and loss", "Death of a family member or friend.",
     ["social_emotional"], ["prevention", "early_intervention"],
     ["RP-1400.8000-100", "PN-8100.1000", "OE:Bereavement"]),
    ("mental_health_crisis", "Mental health crisis", "Suicidal thoughts, self-harm or acute distress: same-day help.",
     ["social_emotional", "health"], ["intensive"],
     ["RP-1500", "OE:Psychiatric Emergency Services"]),
    ("substance_use", "Substance use", "Student or caregiver alcohol or drug use.",
     ["health", "family"], ["early_intervention", "intensive"],
     ["RX", "OE:Addiction & Recovery", "OE:Detox", "OE:12-Step", "OE:Sober Living", "OE:Outpatient Treatment",
      "OE:Residential Treatment"]),
    ("behavioral_concerns", "Behavioral concerns", "Repeated disruption, aggression or suspensions.",
     ["social_emotional", "peer_relations"], ["early_intervention", "intensive"],
     ["RP-1400.8000-120", "PH-6200", "OE:Mentoring"]),
    ("bullying", "Bullying", "Being bullied or bullying others, in person or online.",
     ["peer_relations", "social_emotional"], ["prevention", "early_intervention"], ["PH-6200", "RP-1400.8000-150"]),
    ("school_avoidance", "School avoidance", "Refuses or fears attending; chronic absenteeism without a medical cause.",
     ["academic", "social_emotional"], ["early_intervention", "intensive"], ["HH-0500", "RP-1400.8000-050"]),
    ("academic_struggle", "Academic struggle", "Falling behind in reading or math, failing courses.",
     ["academic"], ["prevention", "early_intervention"],
     ["HH-8500", "HH-0500", "HL-8120", "OE:Tutoring", "OE:Education", "OE:More Education", "OE:Special Education",
      "OE:Alternative Education", "OE:Basic Literacy", "OE:Help Find School"]),
    # General medical care (LE), not the clinic's facility code (LN-1500), says a clinic treats illness.
    ("chronic_illness", "Chronic illness", "Diabetes, epilepsy, sickle cell or other conditions causing absences.",
     ["health"], ["early_intervention", "intensive"],
     ["LE", "LH-2700", "LF-4900", "OE:Disease Management", "OE:Medical Care", "OE:Health Education", "OE:Prevent & Treat"]),
    ("asthma", "Asthma", "Poorly controlled asthma, a leading cause of absences.",
     ["health"], ["prevention", "early_intervention"], ["LF-4900.0550", "LE", "OE:Disease Management"]),
    ("dental_health", "Dental health", "Tooth pain or untreated decay.",
     ["health"], ["prevention", "early_intervention"], ["LV-1600", "LH-5100-1700", "OE:Dental Care"]),
    ("vision_hearing", "Vision and hearing", "Needs glasses, an eye exam or a hearing evaluation.",
     ["health", "academic"], ["prevention"], ["LF-7000", "LT-9500", "OE:Vision Tests", "OE:Hearing Tests"]),
    ("caregiving", "Caregiving duties", "Student looks after siblings or an ill adult.",
     ["family"], ["prevention", "early_intervention"],
     ["PH-1250", "PH-2400", "LT-2800", "OE:Relief for Caregivers", "OE:Childcare", "OE:Child Daycare",
      "OE:Help Pay for Childcare", "OE:Afterschool Care", "OE:In-Home Support"]),
    ("family_conflict", "Family conflict", "Conflict at home, separation, or violence between adults.",
     ["family", "social_emotional"], ["early_intervention", "intensive"],
     ["RP-1400.8000-200", "PH-3300", "FN-1500", "OE:Help Escape Violence"]),
    ("parent_employment", "Parent employment", "A caregiver lost work or needs training to find it.",
     ["family", "career"], ["prevention", "early_intervention"],
     ["ND", "OE:Work", "OE:Help Find Work", "OE:Job Placement", "OE:Skills & Training", "OE:Resume Development",
      "OE:Interview Training", "OE:Supported Employment"]),
    ("language_access", "Language access", "Family needs interpretation, translation or English classes.",
     ["family", "academic"], ["prevention"],
     ["HH-0500.1800", "PH-3600", "TJ-3000", "OE:Translation & Interpretation", "OE:English as a Second Language (ESL)"]),
    ("legal_immigration", "Legal and immigration", "Immigration status, custody or other legal problems.",
     ["family"], ["early_intervention", "intensive"],
     ["FT", "OE:Legal", "OE:Advocacy & Legal Aid", "OE:Citizenship & Immigration", "OE:Representation",
      "OE:Guardianship"]),
    ("disability_support", "Disability support", "Developmental or physical disability needing services beyond school.",
     ["health", "academic", "family"], ["early_intervention", "intensive"],
     ["LR-3200", "TB-0500", "LR-6500", "OE:Understand Disability", "OE:Disability Screening", "OE:Assistive Technology",
      "OE:Special Education"]),
    ("teen_parenting", "Teen parenting", "Student is pregnant or parenting.",
     ["family", "health", "career"], ["early_intervention"],
     ["PH-6100", "LJ-2000", "OE:Parenting Education", "OE:Maternity Care", "OE:Baby Supplies", "OE:Family Planning",
      "OE:Pregnancy Tests"]),
    ("career_readiness", "Career readiness", "Older student needs work experience, credentials or a job.",
     ["career"], ["prevention", "early_intervention"],
     ["ND-6500", "HD-6000", "OE:Skills & Training", "OE:Job Placement", "OE:Help Find Work", "OE:Specialized Training",
      "OE:Interview Training", "OE:Resume Development", "OE:GED/High-School Equivalency", "OE:Supported Employment"]),
]

# Level-2 branches of the 211 taxonomy that name a kind of facility or organization (the same list as
# Taxonomy.providerTypeBranches in Sources/Directory/Taxonomy.swift).
PROVIDER_TYPE_BRANCHES = ["FL", "FV", "LL", "LN", "RM", "TC", "TD", "TN"]


# Service templates: (name pattern, description, taxonomy codes, domains, intensity, ages, settings,
#                     hours kind, cost kind, typical languages weight)
TEMPLATES = [
    ("School-Based Therapy", "Licensed therapists see students at school during the day for anxiety, depression and adjustment concerns.",
     ["RP-1400.8000-050", "RP-1400.8000-180"], ["social_emotional", "health"], "early_intervention", (5, 18), ["school_based"], "clinic", "insured"),
    ("Teen Counseling Clinic", "Short-term individual and family counseling for teens; evening appointments available.",
     ["RP-1400.8000-180", "RP-1400.8000-200"], ["social_emotional", "family"], "early_intervention", (12, 19), ["community", "virtual"], "evening", "insured"),
    ("Mobile Crisis Team", "Clinicians come to the home or school within the hour for a mental health crisis, 24 hours a day.",
     ["RP-1500.1400-500"], ["social_emotional", "health"], "intensive", (0, 99), ["home_visit", "school_based"], "always", "free"),
    ("Youth Crisis Text Line", "Trained counselors answer texts and calls from young people in crisis, day and night.",
     ["RP-1500.1400-800"], ["social_emotional"], "intensive", (10, 24), ["virtual"], "always", "free"),
    ("Intensive Outpatient Program", "Three afternoons a week of group and family therapy for teens after a hospital stay.",
     ["RM-6500.3500", "RP-1400.2500"], ["social_emotional", "health"], "intensive", (12, 18), ["community"], "afternoon", "insured"),
    ("Trauma Recovery Program", "Trauma-focused CBT for children who have experienced violence, abuse or loss.",
     ["RP-1400.8000-880"], ["social_emotional", "family"], "intensive", (4, 18), ["community", "home_visit"], "clinic", "insured"),
    ("Grief Support Groups", "Peer support groups for children and teens who have lost a parent, sibling or friend.",
     ["PN-8100.1000", "RP-1400.8000-100"], ["social_emotional", "peer_relations"], "prevention", (6, 18), ["community"], "evening", "free"),
    ("Food Pantry", "Groceries for families once a week; no documents required for the first visit.",
     ["BD-1800.2000"], ["health", "family"], "prevention", (0, 99), ["community"], "pantry", "free"),
    ("Weekend Backpack Program", "Bags of kid-friendly food sent home on Fridays through the school.",
     ["BD-1800.2000-620"], ["health", "family"], "prevention", (5, 14), ["school_based"], "school", "free"),
    ("Summer Meals Site", "Free breakfast and lunch for anyone 18 and under during summer break.",
     ["BD-5000.8300"], ["health"], "prevention", (1, 18), ["community"], "midday", "free"),
    ("SNAP Enrollment Help", "Help applying for SNAP and WIC food benefits, in person or by phone.",
     ["NL-6000.8000"], ["family", "health"], "early_intervention", (0, 99), ["community", "virtual"], "clinic", "free"),
    ("Rent Assistance", "One-time help with past-due rent or a deposit for families at risk of eviction.",
     ["BH-3800.7000"], ["family"], "early_intervention", (0, 99), ["community"], "clinic", "free"),
    ("Utility Bill Assistance", "Help paying gas, electric and water bills to avoid shut-off.",
     ["BH-8900.9100"], ["family"], "early_intervention", (0, 99), ["community", "virtual"], "clinic", "free"),
    ("Family Shelter", "Emergency shelter and case management for families with children.",
     ["BH-1800.8500"], ["family", "health"], "intensive", (0, 99), ["community"], "always", "free"),
    ("Rapid Rehousing", "Case managers help homeless families find and pay for permanent housing.",
     ["BH-8600.6500"], ["family"], "intensive", (0, 99), ["community", "home_visit"], "clinic", "free"),
    ("Eviction Legal Clinic", "Free attorneys for tenants facing eviction.",
     ["FT-1800.1800"], ["family"], "intensive", (18, 99), ["community", "virtual"], "clinic", "free"),
    ("Bus Pass Program", "Monthly transit passes for students and caregivers who need to reach school or appointments.",
     ["BT-8300.1000"], ["family"], "prevention", (5, 99), ["school_based", "community"], "school", "free"),
    ("Medical Rides", "Door-to-door rides to medical and counseling appointments; book two days ahead.",
     ["BT-4500.4500"], ["health", "family"], "early_intervention", (0, 99), ["community"], "clinic", "insured"),
    ("Clothing Closet", "Free coats, shoes, uniforms and hygiene kits for students.",
     ["BM-6500.1500", "BM-6500.6500"], ["family", "peer_relations"], "prevention", (3, 18), ["school_based", "community"], "school", "free"),
    ("After-School Tutoring", "Small-group reading and math help with certified teachers after school.",
     ["HH-8500.8000"], ["academic"], "prevention", (6, 14), ["school_based", "community"], "afterschool", "free"),
    ("Homework Help Online", "Live online tutors for homework in English, Spanish and other languages.",
     ["HH-8500.8000"], ["academic"], "prevention", (8, 18), ["virtual"], "evening", "free"),
    ("Attendance Mentoring", "A mentor checks in daily with students who miss school and works with the family on barriers.",
     ["HH-0500.0500", "PH-6200.5000"], ["academic", "social_emotional", "peer_relations"], "early_intervention", (6, 18), ["school_based"], "school", "free"),
    ("Literacy Intervention", "Structured literacy intervention for students reading below grade level, including dyslexia.",
     ["HL-8120.4500"], ["academic"], "early_intervention", (5, 12), ["community", "school_based"], "afterschool", "sliding"),
    ("Youth Mentoring", "One-to-one mentors matched with young people for at least a year.",
     ["PH-6200.5000"], ["peer_relations", "social_emotional"], "prevention", (7, 18), ["community"], "afterschool", "free"),
    ("Anti-Bullying and Friendship Groups", "Social skills and friendship groups run by counselors at school.",
     ["PH-6200.8000", "RP-1400.8000-150"], ["peer_relations", "social_emotional"], "prevention", (6, 14), ["school_based"], "school", "free"),
    ("Restorative Behavior Coaching", "Behavior coaches work with students who have repeated suspensions and their families.",
     ["RP-1400.8000-120"], ["social_emotional", "peer_relations"], "early_intervention", (8, 18), ["school_based", "home_visit"], "school", "free"),
    ("Pediatric Clinic", "Well-child visits, sick visits and school physicals.",
     ["LN-1500.6500", "LE"], ["health"], "prevention", (0, 18), ["community"], "clinic", "insured"),
    ("School-Based Health Center", "A nurse practitioner sees students at school for illness, asthma and chronic conditions.",
     ["LN-1500.8000", "LF-4900.0550"], ["health"], "early_intervention", (5, 18), ["school_based"], "school", "insured"),
    ("Asthma Home Visits", "Nurses visit homes to teach asthma care and remove triggers.",
     ["LF-4900.0550"], ["health", "family"], "early_intervention", (2, 18), ["home_visit"], "clinic", "insured"),
    ("Chronic Condition Care Coordination", "Care coordinators help families manage diabetes, epilepsy and sickle cell disease.",
     ["LH-2700.1500"], ["health", "family"], "intensive", (0, 21), ["community", "virtual"], "clinic", "insured"),
    ("Dental Clinic", "Exams, cleanings and fillings for children; Medicaid and uninsured welcome.",
     ["LV-1600.1500"], ["health"], "prevention", (1, 21), ["community"], "clinic", "insured"),
    ("School Dental Sealant Program", "Hygienists provide exams and sealants at school.",
     ["LV-1600.7800"], ["health"], "prevention", (5, 14), ["school_based"], "school", "free"),
    ("Vision Screening and Glasses", "Eye exams and free glasses for students who fail a school screening.",
     ["LF-7000.9500"], ["health", "academic"], "prevention", (4, 18), ["school_based", "community"], "school", "free"),
    ("Hearing Evaluation", "Audiology exams and hearing aids for children.",
     ["LT-9500.3000"], ["health", "academic"], "prevention", (0, 18), ["community"], "clinic", "insured"),
    ("Substance Use Counseling for Teens", "Outpatient counseling and family sessions for teens using alcohol or drugs.",
     ["RX-8450.8000"], ["health", "social_emotional"], "early_intervention", (12, 21), ["community", "virtual"], "evening", "insured"),
    ("Family Recovery Support", "Support and treatment referral for parents and caregivers with substance use.",
     ["RX-0400.5000"], ["family", "health"], "intensive", (18, 99), ["community"], "evening", "insured"),
    ("Parenting Classes", "Eight-week parenting classes with childcare and dinner provided.",
     ["PH-6100.6500"], ["family"], "prevention", (18, 99), ["community", "virtual"], "evening", "free"),
    ("Family Counseling", "Counseling for families facing conflict, separation or a new blended family.",
     ["RP-1400.8000-200"], ["family", "social_emotional"], "early_intervention", (0, 99), ["community", "home_visit"], "evening", "insured"),
    ("Domestic Violence Advocacy", "Confidential advocates, safety planning and emergency housing.",
     ["FN-1500.1900", "PH-1800.8000"], ["family", "social_emotional"], "intensive", (0, 99), ["community"], "always", "free"),
    ("Respite and Sibling Care", "Short-term childcare so student caregivers can attend school.",
     ["PH-1250.1000", "PH-2400.1500"], ["family"], "early_intervention", (0, 12), ["community"], "clinic", "sliding"),
    ("Family Caregiver Support", "Help for families caring for an ill or disabled adult, so children are not the caregivers.",
     ["LT-2800.1000"], ["family", "health"], "early_intervention", (0, 99), ["home_visit"], "clinic", "insured"),
    ("Job Training for Parents", "Free job training, resume help and placement for parents and caregivers.",
     ["ND-6500.1500", "ND-1500"], ["career", "family"], "prevention", (18, 99), ["community", "virtual"], "evening", "free"),
    ("Teen Work Experience", "Paid summer and after-school jobs with coaching for students 14 and older.",
     ["ND-6500.9600", "HD-6000"], ["career"], "prevention", (14, 21), ["community"], "afterschool", "free"),
    ("Career Pathways Program", "Industry credentials and internships for high school students.",
     ["HD-6000.1500"], ["career", "academic"], "early_intervention", (15, 21), ["school_based", "community"], "school", "free"),
    ("Adult English Classes", "English classes for parents, with childcare; all levels.",
     ["HH-0500.1800"], ["family", "academic"], "prevention", (16, 99), ["community", "virtual"], "evening", "free"),
    ("Interpretation and Family Liaisons", "Interpreters and liaisons for school meetings and appointments.",
     ["PH-3600.3000", "TJ-3000.3050"], ["family"], "prevention", (0, 99), ["school_based", "virtual"], "school", "free"),
    ("Immigration Legal Services", "Low-cost immigration consultations and representation.",
     ["FT-3000.3000"], ["family"], "early_intervention", (0, 99), ["community"], "clinic", "sliding"),
    ("Early Intervention for Disabilities", "Evaluation and therapy for young children with developmental delays.",
     ["LR-3200.1800"], ["health", "academic", "family"], "early_intervention", (0, 5), ["home_visit", "community"], "clinic", "free"),
    ("Disability Family Navigation", "Navigators help families of children with disabilities find services and waivers.",
     ["TB-0500.1800", "LR-6500"], ["family", "health"], "intensive", (0, 21), ["community", "virtual"], "clinic", "free"),
    ("Credit Recovery and Re-Engagement", "Intensive academic case management for students far behind in credits or out of school for weeks.",
     ["HH-0500.1500"], ["academic", "career"], "intensive", (14, 21), ["school_based", "community"], "school", "free"),
    ("Intensive Academic Day Program", "Small-class day program with counseling for students who cannot attend their home school.",
     ["HL-8120.1500", "HH-0500.0500"], ["academic", "social_emotional"], "intensive", (10, 18), ["community"], "school", "insured"),
    ("Gang Intervention and Street Outreach", "Outreach workers and mentors for young people involved in or pressured by gangs.",
     ["PH-6200.3000"], ["peer_relations", "social_emotional"], "intensive", (11, 24), ["community", "home_visit"], "evening", "free"),
    ("Social Skills Day Treatment", "Daily therapeutic groups for children with severe peer and behavior difficulties.",
     ["PH-6200.8000", "RP-1400.8000-120"], ["peer_relations", "social_emotional"], "intensive", (6, 14), ["community"], "afterschool", "insured"),
    ("Youth Reengagement Center", "Case managers help out-of-school youth return to school, earn a diploma and find work.",
     ["ND-6500.9600", "HD-6000.1500"], ["career", "academic"], "intensive", (16, 24), ["community"], "clinic", "free"),
    ("Supported Employment for Youth with Disabilities", "Job coaches place and support youth with disabilities in paid work.",
     ["ND-6500.8000", "LR-6500"], ["career", "health"], "intensive", (16, 24), ["community"], "clinic", "free"),
    ("Teen Parent Program", "Prenatal care, parenting support and childcare so teen parents finish school.",
     ["PH-6100.8000", "LJ-2000.6500"], ["family", "health", "career"], "early_intervention", (13, 21), ["school_based", "community"], "school", "free"),
]

ORG_PREFIXES = ["Cedar Valley", "Millbrook", "North Fork", "Eastgate", "Prairie Heights", "Riverside", "Walnut Grove",
                "Heartland", "Three Rivers", "Bright Path", "Open Door", "Harvest", "Lighthouse", "Common Ground",
                "Good Neighbor", "Hope Street", "Kinship", "Sunrise", "Willow", "Bridgeway"]
ORG_KINDS = {
    "mental": ["Youth Counseling Collective", "Behavioral Health Center", "Family Wellness Clinic", "Counseling Associates", "Mind & Mood Clinic"],
    "food": ["Community Pantry", "Food Network", "Hunger Coalition", "Kitchen Table"],
    "housing": ["Housing Partners", "Family Shelter", "Housing Collaborative", "Tenant Alliance"],
    "health": ["Community Health Center", "Children's Clinic", "Pediatric Partners", "Health Alliance", "Smiles Dental"],
    "education": ["Learning Center", "Literacy Project", "Tutoring Collective", "Youth Academy"],
    "youth": ["Boys & Girls Hub", "Youth Alliance", "Mentoring Partners", "Youth Works"],
    "family": ["Family Services", "Family Resource Center", "Neighborhood Center", "Family Support Network"],
    "legal": ["Legal Aid", "Immigrant Rights Center", "Justice Project"],
    "work": ["Workforce Partners", "Career Connections", "Job Bridge"],
    "transport": ["Transit Partners", "Ride Connection", "Mobility Collaborative"],
}
TEMPLATE_KIND = {
    "School-Based Therapy": "mental", "Teen Counseling Clinic": "mental", "Mobile Crisis Team": "mental",
    "Youth Crisis Text Line": "mental", "Intensive Outpatient Program": "mental", "Trauma Recovery Program": "mental",
    "Grief Support Groups": "family", "Food Pantry": "food", "Weekend Backpack Program": "food",
    "Summer Meals Site": "food", "SNAP Enrollment Help": "food", "Rent Assistance": "housing",
    "Utility Bill Assistance": "housing", "Family Shelter": "housing", "Rapid Rehousing": "housing",
    "Eviction Legal Clinic": "legal", "Bus Pass Program": "transport", "Medical Rides": "transport",
    "Clothing Closet": "family", "After-School Tutoring": "education", "Homework Help Online": "education",
    "Attendance Mentoring": "youth", "Literacy Intervention": "education", "Youth Mentoring": "youth",
    "Anti-Bullying and Friendship Groups": "youth", "Restorative Behavior Coaching": "youth",
    "Pediatric Clinic": "health", "School-Based Health Center": "health", "Asthma Home Visits": "health",
    "Chronic Condition Care Coordination": "health", "Dental Clinic": "health", "School Dental Sealant Program": "health",
    "Vision Screening and Glasses": "health", "Hearing Evaluation": "health",
    "Substance Use Counseling for Teens": "mental", "Family Recovery Support": "mental", "Parenting Classes": "family",
    "Family Counseling": "mental", "Domestic Violence Advocacy": "family", "Respite and Sibling Care": "family",
    "Family Caregiver Support": "family", "Job Training for Parents": "work", "Teen Work Experience": "work",
    "Career Pathways Program": "work", "Adult English Classes": "education",
    "Interpretation and Family Liaisons": "family", "Immigration Legal Services": "legal",
    "Early Intervention for Disabilities": "health", "Disability Family Navigation": "family",
    "Teen Parent Program": "family", "Credit Recovery and Re-Engagement": "education",
    "Intensive Academic Day Program": "education", "Gang Intervention and Street Outreach": "youth",
    "Social Skills Day Treatment": "youth", "Youth Reengagement Center": "work",
    "Supported Employment for Youth with Disabilities": "work",
}
EXTRA_LANGUAGES = ["vi", "so", "ar", "zh", "fr", "sw", "ne", "my", "ru", "ps", "bs", "am"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
ALL_DAYS = WEEKDAYS + ["saturday", "sunday"]


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def jitter(lat, lon, km):
    """A point within `km` of (lat, lon), denser near the middle."""
    r = km * math.sqrt(RNG.random())
    theta = RNG.random() * 2 * math.pi
    dlat = r * math.cos(theta) / 111.19
    dlon = r * math.sin(theta) / (111.19 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def address(area):
    name, lat, lon, spread, codes = area
    la, lo = jitter(lat, lon, spread)
    return {"address_1": f"{RNG.randint(100, 4999)} {RNG.choice(STREETS)}", "city": name, "region": "IA",
            "postal_code": RNG.choice(codes), "country": "US"}, {"lat": la, "lon": lo}


def phone(n):
    return f"+1-515-555-{100 + n % 100:04d}"


def hours(kind):
    def week(days, opens, closes):
        return [{"weekday": d, "opens": opens, "closes": closes} for d in days]
    if kind == "always":
        return week(ALL_DAYS, "00:00", "24:00")
    if kind == "clinic":
        h = week(WEEKDAYS, "08:00", "17:00")
        if RNG.random() < 0.35:
            h[RNG.randrange(5)]["closes"] = "19:30"
        if RNG.random() < 0.2:
            h += week(["saturday"], "09:00", "13:00")
        return h
    if kind == "evening":
        return week(RNG.sample(WEEKDAYS, 3), "16:00", "20:00")
    if kind == "afternoon":
        return week(["monday", "wednesday", "thursday"], "13:00", "17:00")
    if kind == "afterschool":
        return week(WEEKDAYS, "15:00", "18:00")
    if kind == "school":
        return week(WEEKDAYS, "08:00", "15:30")
    if kind == "pantry":
        h = week(RNG.sample(WEEKDAYS, 2), "10:00", "14:00") + week([RNG.choice(WEEKDAYS)], "16:00", "19:00")
        if RNG.random() < 0.5:
            h += week(["saturday"], "09:00", "12:00")
        return sorted(h, key=lambda x: ALL_DAYS.index(x["weekday"]))
    if kind == "midday":
        return week(WEEKDAYS, "11:00", "13:30")
    raise ValueError(kind)


def cost(kind, template_name):
    if kind == "free":
        return {"kind": "free", "insurance": RNG.choice([[], [], ["uninsured"]])}
    if kind == "sliding":
        return {"kind": "sliding_scale", "insurance": ["uninsured"] + RNG.sample(["medicaid", "chip"], RNG.randint(0, 2))}
    # insured: health and counseling services
    roll = RNG.random()
    if roll < 0.45:
        return {"kind": "sliding_scale", "insurance": ["medicaid", "chip", "private", "uninsured"]}
    if roll < 0.75:
        return {"kind": "fee", "insurance": ["medicaid", "chip", "private"]}
    if roll < 0.9:
        return {"kind": "fee", "insurance": ["private"]}
    return {"kind": "free", "insurance": ["medicaid", "chip", "uninsured"]}


def languages(org_langs):
    langs = ["en"]
    if RNG.random() < 0.45:
        langs.append("es")
    for extra in org_langs:
        if RNG.random() < 0.7 and extra not in langs:
            langs.append(extra)
    if RNG.random() < 0.04:
        langs = ["es"]  # a few Spanish-only programs
    return langs


def enrollment(intake_options):
    roll = RNG.random()
    intake = sorted(RNG.sample(intake_options, RNG.randint(1, min(2, len(intake_options)))))
    if roll < 0.65:
        return {"status": "open", "waitlist_weeks": None, "capacity": RNG.choice([None, None, RNG.randint(2, 30)]), "intake_methods": intake}
    if roll < 0.9:
        return {"status": "waitlist", "waitlist_weeks": RNG.choice([1, 2, 3, 4, 6, 8, 12, 16]), "capacity": 0, "intake_methods": intake}
    return {"status": "closed", "waitlist_weeks": None, "capacity": 0, "intake_methods": intake}


def transportation(settings, kind):
    if "virtual" in settings and len(settings) == 1:
        return "none"
    if kind == "transport" or "home_visit" in settings:
        return "provided"
    return RNG.choices(["transit_accessible", "provided", "none"], [55, 15, 30])[0]


def generate():
    orgs, locations, services, links = [], [], [], []
    imported = iso(datetime(2026, 8, 1, tzinfo=timezone.utc))
    verified = lambda: iso(TODAY - timedelta(days=RNG.randint(1, 300)))
    counters = {"loc": 0, "svc": 0, "sal": 0}
    used_names = set()

    def provenance(rid):
        return {"source": "seed", "external_id": rid, "imported_at": imported, "last_verified_at": verified()}

    # Each organization runs 1–5 services of related templates.
    by_kind = {}
    for t in TEMPLATES:
        by_kind.setdefault(TEMPLATE_KIND[t[0]], []).append(t)
    kinds = list(by_kind)
    kind_weights = {"mental": 22, "food": 14, "housing": 11, "health": 22, "education": 13, "youth": 13,
                    "family": 20, "legal": 6, "work": 8, "transport": 6}
    # Make sure every template is used at least once by cycling through them first.
    template_queue = list(TEMPLATES)
    RNG.shuffle(template_queue)

    org_count = 140
    for o in range(1, org_count + 1):
        kind = RNG.choices(kinds, [kind_weights[k] for k in kinds])[0]
        first = template_queue.pop() if template_queue else None
        if first:
            kind = TEMPLATE_KIND[first[0]]
        while True:
            name = f"{RNG.choice(ORG_PREFIXES)} {RNG.choice(ORG_KINDS[kind])}"
            if name not in used_names:
                used_names.add(name)
                break
        oid = f"org-{o:04d}"
        slug = name.lower().replace("&", "and").replace("'", "").replace(" ", "")
        org_langs = RNG.sample(EXTRA_LANGUAGES, RNG.choices([0, 1, 2], [55, 35, 10])[0])
        orgs.append({
            "id": oid, "name": name,
            "description": f"{name} serves children and families across the Cedar Valley metro area.",
            "url": f"https://{slug}.example.org", "email": f"intake@{slug}.example.org",
            "phones": [{"number": phone(o), "kind": "voice", "language": None}] +
                      ([{"number": phone(o + 50), "kind": "hotline", "language": None}] if kind == "mental" and RNG.random() < 0.4 else []),
            "provenance": provenance(oid), "active": True,
        })
        area_weights = AREA_WEIGHTS
        org_locs = []
        for _ in range(RNG.choices([1, 2, 3], [60, 30, 10])[0]):
            counters["loc"] += 1
            lid = f"loc-{counters['loc']:04d}"
            area = RNG.choices(AREAS, area_weights)[0]
            addr, coords = address(area)
            site_name = "Main office" if not org_locs else f"{area[0]} site"
            locations.append({
                "id": lid, "organization_id": oid, "name": f"{name} – {site_name}", "address": addr,
                "coordinates": coords, "transit_accessible": area[0] != "Walnut Grove" and RNG.random() < 0.75,
                "provenance": provenance(lid), "active": True,
            })
            org_locs.append(lid)

        templates = [first] if first else []
        n_services = RNG.choices([1, 2, 3, 4, 5], [15, 30, 30, 15, 10])[0]
        pool = by_kind[kind] + (by_kind["family"] if kind != "family" else by_kind["youth"])
        while len(templates) < n_services:
            t = RNG.choice(pool)
            if t not in templates:
                templates.append(t)
        for t in templates:
            (tname, desc, codes, domains, intensity, ages, settings, hours_kind, cost_kind) = t
            counters["svc"] += 1
            sid = f"svc-{counters['svc']:04d}"
            intake_options = ["phone", "school_referral"] + (["walk_in"] if "community" in settings else []) + (["online"] if "virtual" in settings else [])
            lo, hi = ages
            if hi < 99 and RNG.random() < 0.3:
                lo = max(0, lo + RNG.choice([-1, 0, 1]))
            service = {
                "id": sid, "organization_id": oid, "name": f"{name} – {tname}",
                "description": desc, "url": None, "email": None,
                "domains": domains, "intensity": intensity, "ages": {"min": lo, "max": hi},
                "settings": settings, "transportation": transportation(settings, kind),
                "languages": languages(org_langs), "interpreter_available": RNG.random() < 0.35,
                "cost": cost(cost_kind, tname), "enrollment": enrollment(intake_options),
                # Canonical weekly order, the order every reader produces.
                "hours": sorted(hours(hours_kind), key=lambda h: (ALL_DAYS.index(h["weekday"]), h["opens"])),
                "service_area": {"postal_codes": [], "radius_km": None},
                "taxonomy_codes": codes, "phones": [], "provenance": provenance(sid), "active": True,
            }
            roll = RNG.random()
            if roll < 0.25:
                service["service_area"]["radius_km"] = RNG.choice([10.0, 15.0, 25.0])
            elif roll < 0.35:
                area = RNG.choice(AREAS)
                service["service_area"]["postal_codes"] = sorted(RNG.sample(area[4], min(2, len(area[4]))))
            services.append(service)
            for lid in RNG.sample(org_locs, RNG.choices([1, 2], [75, 25])[0] if len(org_locs) > 1 else 1):
                counters["sal"] += 1
                links.append({"id": f"sal-{counters['sal']:04d}", "service_id": sid, "location_id": lid})

    # A few withdrawn records, as a real directory has.
    for s in RNG.sample(services, 4):
        s["active"] = False
    withdrawn_org = orgs[-1]
    withdrawn_org["active"] = False
    for s in services:
        if s["organization_id"] == withdrawn_org["id"]:
            s["active"] = False
    return {"organizations": orgs, "locations": locations, "services": services, "services_at_location": links}


SCHOOLS = [
    ("sch-lincoln-es", "Lincoln Elementary School", "elementary", 0, 5, 0),
    ("sch-roosevelt-es", "Roosevelt Elementary School", "elementary", 0, 5, 0),
    ("sch-garfield-es", "Garfield Elementary School", "elementary", 0, 5, 1),
    ("sch-jefferson-es", "Jefferson Elementary School", "elementary", 0, 5, 2),
    ("sch-hawthorne-es", "Hawthorne Elementary School", "elementary", 0, 5, 3),
    ("sch-cedarpark-es", "Cedar Park Elementary School", "elementary", 0, 5, 4),
    ("sch-prairieview-es", "Prairie View Elementary School", "elementary", 0, 5, 5),
    ("sch-riverbend-es", "River Bend Elementary School", "elementary", 0, 5, 6),
    ("sch-meadowlark-es", "Meadowlark Elementary School", "elementary", 0, 5, 7),
    ("sch-washington-ms", "Washington Middle School", "middle", 6, 8, 0),
    ("sch-millbrook-ms", "Millbrook Middle School", "middle", 6, 8, 2),
    ("sch-eastgate-ms", "Eastgate Middle School", "middle", 6, 8, 4),
    ("sch-southridge-ms", "Southridge Middle School", "middle", 6, 8, 5),
    ("sch-northfork-k8", "North Fork K-8 Academy", "k_8", 0, 8, 3),
    ("sch-central-hs", "Cedar Valley Central High School", "high", 9, 12, 0),
    ("sch-westside-hs", "Westside High School", "high", 9, 12, 1),
    ("sch-eastgate-hs", "Eastgate High School", "high", 9, 12, 4),
    ("sch-prairie-hs", "Prairie Heights High School", "high", 9, 12, 5),
    ("sch-pathways-alt", "Pathways Alternative High School", "alternative", 9, 12, 6),
]


def schools():
    result = []
    for sid, name, level, gmin, gmax, area_index in SCHOOLS:
        addr, coords = address(AREAS[area_index])
        result.append({"id": sid, "name": name, "level": level, "grade_min": gmin, "grade_max": gmax,
                       "address": addr, "coordinates": coords})
    return result


def barriers():
    return [{"id": b[0], "label": b[1], "description": b[2], "domains": b[3], "intensities": b[4],
             "taxonomy_prefixes": b[5]} for b in BARRIERS]


def swift_string(text):
    return json.dumps(text, ensure_ascii=False)


def swift_list(items):
    return "[" + ", ".join(swift_string(i) for i in items) + "]"


def barrier_vocabulary_swift():
    lines = [
        "// Generated by scripts/generate-seed.py from the same table as seed/barriers.json; do not edit by hand.",
        "// Change the table in the script and run it; `--check` fails while the two differ.",
        "",
        "/// The barrier vocabulary Closeloop ships (`seed/barriers.json`): the coordinator's words, each mapped to",
        "/// domains, intensities and taxonomy codes. A migration installs it in every store, so a store filled by",
        "/// `closeloop import` alone matches without `closeloop seed`.",
        "public enum BarrierVocabulary {",
        "    public static let barriers: [Barrier] = entries.map { entry in",
        "        Barrier(",
        "            id: entry.id, label: entry.label, description: entry.description,",
        "            domains: entry.domains.map { Domain(rawValue: $0)! }, intensities: entry.intensities.map { Intensity(rawValue: $0)! },",
        "            taxonomyPrefixes: entry.prefixes)",
        "    }",
        "",
        "    private typealias Entry = (",
        "        id: String, label: String, description: String, domains: [String], intensities: [String], prefixes: [String]",
        "    )",
        "",
        "    private static let entries: [Entry] = [",
    ]
    for b in BARRIERS:
        lines.append(f"        ({swift_string(b[0])}, {swift_string(b[1])},")
        lines.append(f"         {swift_string(b[2])},")
        lines.append(f"         {swift_list(b[3])}, {swift_list(b[4])},")
        lines.append(f"         {swift_list(b[5])}),")
    lines += ["    ]", "}", ""]
    return "\n".join(lines)


def under(code, prefix):
    code, prefix = code.upper(), prefix.upper()
    if not code.startswith(prefix):
        return False
    if len(code) == len(prefix):
        return True
    nxt = code[len(prefix)]
    return nxt.isalpha() if len(prefix) == 1 else nxt in "-."


def check():
    directory = json.loads((SEED_DIR / "directory.json").read_text())
    bars = json.loads((SEED_DIR / "barriers.json").read_text())
    schs = json.loads((SEED_DIR / "schools.json").read_text())
    orgs, locs, svcs, links = (directory[k] for k in ("organizations", "locations", "services", "services_at_location"))
    problems = []

    def need(cond, message):
        if not cond:
            problems.append(message)

    for name, rows in (("organizations", orgs), ("locations", locs), ("services", svcs), ("links", links)):
        ids = [r["id"] for r in rows]
        need(len(ids) == len(set(ids)), f"duplicate ids in {name}")
    need(len(orgs) >= 120, f"only {len(orgs)} organizations")
    need(len(svcs) >= 300, f"only {len(svcs)} services")
    need(len(bars) >= 20, f"only {len(bars)} barriers")
    need(len(schs) >= 15, f"only {len(schs)} schools")
    org_ids = {o["id"] for o in orgs}
    loc_by_id = {l["id"]: l for l in locs}
    for l in locs:
        need(l["organization_id"] in org_ids, f"location {l['id']} names unknown org")
    sites = {}
    for link in links:
        need(link["service_id"] in {s["id"] for s in svcs} if len(problems) < 50 else True, "link to unknown service")
        need(link["location_id"] in loc_by_id, f"link {link['id']} to unknown location")
        sites.setdefault(link["service_id"], []).append(loc_by_id.get(link["location_id"]))
    for s in svcs:
        need(s["organization_id"] in org_ids, f"service {s['id']} names unknown org")
        own = [l for l in sites.get(s["id"], []) if l and l["organization_id"] == s["organization_id"] and l.get("coordinates")]
        need(own, f"service {s['id']} has no located site of its organization")
        need(set(s["domains"]) <= set(DOMAINS) and s["domains"], f"service {s['id']} domains")
        need(s["intensity"] in INTENSITIES, f"service {s['id']} intensity")
        need(set(s["settings"]) <= set(SETTINGS), f"service {s['id']} settings")
        need(set(s["cost"]["insurance"]) <= set(INSURANCE), f"service {s['id']} insurance")
        need(all(len(c) == 2 for c in s["languages"]), f"service {s['id']} languages")
    for d in DOMAINS:
        for i in INTENSITIES:
            n = sum(1 for s in svcs if s["active"] and d in s["domains"] and s["intensity"] == i)
            need(n >= 5, f"only {n} active services for {d} × {i}")
    languages = {l for s in svcs for l in s["languages"]}
    need(len(languages) >= 10, f"only {len(languages)} languages")
    for b in bars:
        served = [s for s in svcs if s["active"] and any(under(c, p) for c in s["taxonomy_codes"] for p in b["taxonomy_prefixes"])
                  and set(s["domains"]) & set(b["domains"])]
        need(len(served) >= 3, f"barrier {b['id']} served by {len(served)} services")
    for s in svcs:
        need(any(under(c, p) for c in s["taxonomy_codes"] for b in bars for p in b["taxonomy_prefixes"]),
             f"service {s['id']} codes {s['taxonomy_codes']} under no barrier")
        need(any(not any(under(c, t) for t in PROVIDER_TYPE_BRANCHES) for c in s["taxonomy_codes"]),
             f"service {s['id']} has only facility or organization-type codes {s['taxonomy_codes']}")
    for b in bars:
        for p in b["taxonomy_prefixes"]:
            need(not any(under(p, t) for t in PROVIDER_TYPE_BRANCHES), f"barrier {b['id']} prefix {p} is a provider type")
    need(bars == barriers(), "seed/barriers.json differs from the BARRIERS table; run scripts/generate-seed.py")
    need(VOCABULARY_SWIFT.exists() and VOCABULARY_SWIFT.read_text() == barrier_vocabulary_swift(),
         f"{VOCABULARY_SWIFT.name} differs from the BARRIERS table; run scripts/generate-seed.py")
    statuses = {s["enrollment"]["status"] for s in svcs}
    need(statuses == {"open", "waitlist", "closed"}, f"enrollment statuses {statuses}")
    settings = {x for s in svcs for x in s["settings"]}
    need(settings == set(SETTINGS), f"settings {settings}")
    if problems:
        print("seed check FAILED:")
        for p in problems[:40]:
            print("  -", p)
        sys.exit(1)
    by_status = {st: sum(1 for s in svcs if s["enrollment"]["status"] == st) for st in ("open", "waitlist", "closed")}
    print(f"seed OK: {len(orgs)} organizations, {len(locs)} locations, {len(svcs)} services, {len(links)} links, "
          f"{len(bars)} barriers, {len(schs)} schools, {len(languages)} languages {sorted(languages)}, enrollment {by_status}")


def write(name, value):
    (SEED_DIR / name).write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n")


def main():
    if "--check" in sys.argv:
        check()
        return
    SEED_DIR.mkdir(exist_ok=True)
    write("directory.json", generate())
    write("barriers.json", barriers())
    write("schools.json", schools())
    VOCABULARY_SWIFT.write_text(barrier_vocabulary_swift())
    check()


if __name__ == "__main__":
    main()
