/// A coordinator's barrier as an SDOH domain of the SDOHCC ValueSet SDOH Category
/// (`ServiceRequest.category`). Barriers without a matching domain (anxiety, bullying, asthma…) are
/// `sdoh-category-unspecified`, as the value set provides; the barrier itself is in `code`.
public enum SDOHCategory {
    public static func coding(forBarrier barrier: String) -> FHIRCoding {
        let (code, display): (String, String) =
            switch barrier {
            case "food_insecurity": ("food-insecurity", "Food Insecurity")
            case "housing_instability": ("housing-instability", "Housing Instability")
            case "homelessness": ("homelessness", "Homelessness")
            case "transportation": ("transportation-insecurity", "Transportation Insecurity")
            case "clothing_hygiene": ("material-hardship", "Material Hardship")
            case "parent_employment": ("employment-status", "Employment Status")
            case "academic_struggle", "school_avoidance", "career_readiness": ("educational-attainment", "Educational Attainment")
            default: ("sdoh-category-unspecified", "SDOH Category Unspecified")
            }
        return FHIRCoding(system: FHIRSystem.sdohCategory, code: code, display: display)
    }
}
