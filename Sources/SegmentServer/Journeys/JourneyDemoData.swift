/// The hand-written part of the journeys demo: segments of every kind (static, dynamic, both) and
/// status, over contacts and leads, some used by journeys; chosen to exercise what the client
/// must get right (a stop refused by a journey and by a live segment, an Error with its reason,
/// Live with warnings, accents, an apostrophe, a Japanese name).
enum JourneyDemoData {
    enum Kind { case staticOnly, dynamic, mixed }

    struct Spec {
        var name: String
        var kind: Kind
        var base = "contact"
        var status: Int
        /// MQL; `#n` stands for `SEGMENT_CJO_ID_` of spec n.
        var query: String? = nil
        var description: String? = nil
        /// Journeys (by index in `journeys`) that use it.
        var journeys: [Int] = []
        /// Evaluated and failed: Error, with the reason kept.
        var failed = false
    }

    static let journeys: [(name: String, status: Int)] = [
        ("Welcome series", JourneyOptions.journeyLive), ("VIP renewal", JourneyOptions.journeyLive),
        ("Webinar follow-up", JourneyOptions.journeyDraft), ("Spring sale 2026", JourneyOptions.journeyStopped),
        ("Lead nurture – Europe", JourneyOptions.journeyLive), ("Holiday greetings 2025", JourneyOptions.journeyCompleted),
    ]

    static let specs: [Spec] = [
        Spec(name: "Newsletter subscribers", kind: .dynamic, status: JourneyOptions.live,
             query: "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1))", description: "Everyone we can email.", journeys: [0]),
        Spec(name: "VIP customers", kind: .staticOnly, status: JourneyOptions.live, description: "Hand-picked.", journeys: [1]),
        Spec(name: "Marketing managers", kind: .dynamic, status: JourneyOptions.draft,
             query: "PROFILE(contact).FILTER(CONTAINS(jobtitle, 'Marketing') && jobtitle != 'Marketing Coordinator')"),
        Spec(name: "Contoso contacts", kind: .dynamic, status: JourneyOptions.live,
             query: "PROFILE(contact).RELATE(contact_customer_accounts, acc).FILTER(acc.name == 'Contoso Ltd')"),
        Spec(name: "Trade show leads", kind: .dynamic, base: "lead", status: JourneyOptions.live,
             query: "PROFILE(lead).FILTER(ISNOTNULL(emailaddress1))", journeys: [4]),
        Spec(name: "Imported list", kind: .staticOnly, status: JourneyOptions.live, description: "The big import (benchmarks page it)."),
        Spec(name: "Email but no phone, minus opt-outs", kind: .mixed, status: JourneyOptions.stopped,
             query: "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1) && ISNULL(telephone1))"),
        Spec(name: "O'Brien's picks", kind: .staticOnly, status: JourneyOptions.draft, description: "Hand-picked by Siobhán O'Brien."),
        Spec(name: "Newsletter or Contoso", kind: .dynamic, status: JourneyOptions.live, query: "SEGMENT(#0) UNION SEGMENT(#3)"),
        Spec(name: "Lapsed leads", kind: .staticOnly, base: "lead", status: JourneyOptions.draft),
        Spec(name: "Nobody at all", kind: .dynamic, status: JourneyOptions.liveWithWarnings,
             query: "PROFILE(contact).FILTER(fullname == 'No such person')"),
        Spec(name: "Broken reference", kind: .dynamic, status: JourneyOptions.draft,
             query: "PROFILE(contact) EXCEPT SEGMENT(SEGMENT_CJO_ID_00000000000040008000000000000000)", failed: true),
        Spec(name: "東京の見込み客", kind: .dynamic, status: JourneyOptions.stopped,
             query: "PROFILE(contact).FILTER(CONTAINS(telephone1, '+81 3'))"),
        Spec(name: "Webinar attendees", kind: .staticOnly, status: JourneyOptions.draft, journeys: [2]),
        Spec(name: "Leads at companies with Inc", kind: .dynamic, base: "lead", status: JourneyOptions.draft,
             query: "PROFILE(lead).RELATEOPTIONAL(lead_parent_account, acc).FILTER(CONTAINS(acc.name, 'Inc') || ISNULL(acc.name))"),
        Spec(name: "Engaged executives", kind: .mixed, status: JourneyOptions.live,
             query: "PROFILE(contact).FILTER(CONTAINS(jobtitle, 'Chief') || CONTAINS(jobtitle, 'VP'))", journeys: [3]),
        Spec(name: "Gmail minus Contoso", kind: .dynamic, status: JourneyOptions.draft,
             query: "PROFILE(contact).FILTER(CONTAINS(emailaddress1, 'gmail')) EXCEPT SEGMENT(#3)"),
        Spec(name: "Sales and newsletter", kind: .dynamic, status: JourneyOptions.live,
             query: "PROFILE(contact).FILTER(CONTAINS(jobtitle, 'Sales')) INTERSECT SEGMENT(#0)"),
    ]

    /// Queries large seeds reuse, so that each is evaluated once however many segments use it.
    static let contactPool = [
        "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1))",
        "PROFILE(contact).FILTER(CONTAINS(jobtitle, 'Manager'))",
        "PROFILE(contact).FILTER(ISNULL(telephone1) || CONTAINS(emailaddress1, 'outlook'))",
        "PROFILE(contact).RELATE(contact_customer_accounts, acc).FILTER(acc.name == 'Fabrikam Inc')",
    ]
    static let leadPool = ["PROFILE(lead).FILTER(ISNOTNULL(companyname))", "PROFILE(lead).FILTER(CONTAINS(jobtitle, 'Director'))"]

    static let leadCompanies = ["Coho Winery", "Fourth Coffee", "Trey Research", "Alpine Ski House", "Litware Inc", nil]
}
