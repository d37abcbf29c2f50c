
/// The hand-written part of the demo organisation: people, companies, and the first segments,
/// chosen to exercise what the UI must get right (accents, a Japanese name, an apostrophe,
/// every type, several statuses).
enum DemoData {
    static let users = ["Alex Johnson", "Maria Campos", "Kenji Watanabe", "Chloé Martin", "Sam O'Neil"]

    static let accounts = [
        "Contoso Ltd", "Fabrikam Inc", "Adventure Works", "Northwind Traders", "Litware Inc", "Tailspin Toys",
        "Wide World Importers", "Alpine Ski House", "Coho Winery", "Fourth Coffee", "Proseware Inc", "Woodgrove Bank",
        "Lucerne Publishing", "Trey Research", "Margie's Travel", "Blue Yonder Airlines", "City Power & Light",
        "Humongous Insurance", "Lamna Healthcare", "Café São Jorge",
    ]

    static let firstNames = [
        "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Sofia", "Mateo", "Isabella", "Hugo", "Léa", "Chloé",
        "François", "Zoë", "José", "María", "João", "Ana", "Björn", "Søren", "Anaïs", "Renée", "Jürgen", "Małgorzata",
        "Priya", "Arjun", "Wei", "Mei", "Yuki", "Haruto", "Aiko", "Omar", "Fatima", "Kwame", "Amara", "Siobhán",
        "Connor", "Grace", "Ethan", "Mia", "Daniel", "Charlotte", "James", "Amelia", "Thomas", "Nora", "David", "Elena",
    ]

    static let lastNames = [
        "Smith", "Johnson", "Brown", "García", "Martínez", "Müller", "Schmidt", "Dubois", "Lefèvre", "Rossi", "Bianchi",
        "Silva", "Santos", "Nakamura", "Tanaka", "Suzuki", "Kim", "Park", "Nguyen", "Patel", "Sharma", "O'Brien",
        "O'Connor", "MacDonald", "Kowalski", "Nowak", "Andersen", "Larsen", "Novák", "Horváth", "Öztürk", "Yılmaz",
        "Cohen", "Haddad", "Okafor", "Mensah", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Clark",
        "Lewis", "Walker", "Young", "Allen", "Wright",
    ]

    /// Japanese contacts keep their names in Japanese order and script.
    static let japaneseNames = [("佐藤", "花子"), ("鈴木", "一郎"), ("高橋", "美咲"), ("田中", "翔太"), ("渡辺", "さくら")]

    static let jobTitles: [String?] = [
        "Marketing Manager", "Marketing Coordinator", "Director of Marketing", "VP Sales", "Sales Representative",
        "Account Executive", "Chief Executive Officer", "Product Manager", "Event Planner", "Purchasing Manager",
        "Office Manager", "Software Engineer", "Director of Operations", "Brand Manager", "Customer Success Manager",
        nil, nil,
    ]

    static let emailDomains = ["gmail.com", "outlook.com", "contoso.com", "fabrikam.com", "adventure-works.com", "example.org"]

    /// City dialling prefixes: dynamic segments select people by them (São Paulo, Lyon, Tokyo, ...).
    static let phonePrefixes = ["+1 206 555", "+55 11 9", "+33 4 72", "+81 3", "+44 20 7946", "+49 30 901", "+34 91 555"]

    struct SegmentSpec {
        var name: String
        var type: SegmentType
        var status: SegmentStatus
        /// A dynamic query, or for compound ones `SEGMENT(#n) UNION SEGMENT(#m)` with #n the index
        /// of another spec, replaced by its query name once ids exist.
        var query: String?
        var description: String?
    }

    static func profile(_ condition: String) -> String { "PROFILE(contact, contact_1).FILTER(\(condition))" }

    static let specs: [SegmentSpec] = [
        SegmentSpec(
            name: "Newsletter subscribers", type: .dynamic, status: .live,
            query: profile("ISNOTNULL(contact_1.emailaddress1) && ISNOTNULL(contact_1.fullname)"),
            description: "Everyone we can email, for the monthly newsletter."),
        SegmentSpec(name: "O'Brien's VIP list", type: .static, status: .draft, query: nil, description: "Hand-picked by Siobhán O'Brien."),
        SegmentSpec(
            name: "Clientes de São Paulo", type: .dynamic, status: .live,
            query: profile("STARTSWITH(contact_1.telephone1, '+55 11')"), description: "Contatos com telefone de São Paulo."),
        SegmentSpec(
            name: "Événements Lyon 2026", type: .dynamic, status: .goingLive,
            query: profile("STARTSWITH(contact_1.telephone1, '+33 4')"), description: "Invitations aux événements de Lyon."),
        SegmentSpec(
            name: "東京の見込み客", type: .dynamic, status: .live, query: profile("STARTSWITH(contact_1.telephone1, '+81 3')"),
            description: "東京の電話番号を持つ見込み客"),
        SegmentSpec(name: "Spring webinar attendees", type: .static, status: .live, query: nil, description: "Registered for the April webinar."),
        SegmentSpec(
            name: "Marketing decision makers", type: .dynamic, status: .live,
            query: profile("CONTAINS(contact_1.jobtitle, 'Marketing') && ISNOTNULL(contact_1.emailaddress1)")),
        SegmentSpec(
            name: "Directors and VPs", type: .dynamic, status: .stopped,
            query: profile("STARTSWITH(contact_1.jobtitle, 'Director') || STARTSWITH(contact_1.jobtitle, 'VP')")),
        SegmentSpec(name: "Leaders and newsletter readers", type: .compound, status: .live, query: "SEGMENT(#7) UNION SEGMENT(#0)"),
        SegmentSpec(name: "Gmail users", type: .dynamic, status: .draft, query: profile("ENDSWITH(contact_1.emailaddress1, '@gmail.com')")),
        SegmentSpec(name: "Contacts without a phone", type: .dynamic, status: .live, query: profile("ISNULL(contact_1.telephone1)")),
        SegmentSpec(name: "Trade show leads 2025", type: .static, status: .stopped, query: nil, description: "Scanned badges from the autumn trade show."),
        SegmentSpec(name: "Customer advisory board", type: .static, status: .live, query: nil),
        SegmentSpec(name: "Seattle prospects", type: .dynamic, status: .live, query: profile("STARTSWITH(contact_1.telephone1, '+1 206')")),
        SegmentSpec(name: "London partners", type: .dynamic, status: .error, query: profile("STARTSWITH(contact_1.telephone1, '+44 20')")),
        SegmentSpec(name: "Berlin Kunden", type: .dynamic, status: .liveEditable, query: profile("STARTSWITH(contact_1.telephone1, '+49 30')")),
        SegmentSpec(name: "Madrid clientes", type: .dynamic, status: .draft, query: profile("STARTSWITH(contact_1.telephone1, '+34 91')")),
        SegmentSpec(name: "Europe without Berlin", type: .compound, status: .draft, query: "SEGMENT(#3) UNION SEGMENT(#14) EXCEPT SEGMENT(#15)"),
        SegmentSpec(name: "Sales team contacts", type: .dynamic, status: .live, query: profile("CONTAINS(contact_1.jobtitle, 'Sales') || contact_1.jobtitle == 'Account Executive'")),
        SegmentSpec(name: "Event planners", type: .dynamic, status: .stopping, query: profile("contact_1.jobtitle == 'Event Planner'")),
        SegmentSpec(name: "Holiday campaign 2025", type: .static, status: .expired, query: nil, description: "Last year's holiday mailing."),
        SegmentSpec(name: "Beta programme testers", type: .static, status: .live, query: nil),
        SegmentSpec(name: "Executives", type: .dynamic, status: .live, query: profile("CONTAINS(contact_1.jobtitle, 'Chief') || STARTSWITH(contact_1.jobtitle, 'VP')")),
        SegmentSpec(name: "Engaged executives", type: .compound, status: .live, query: "SEGMENT(#22) INTERSECT SEGMENT(#0)"),
        SegmentSpec(name: "Product managers", type: .dynamic, status: .draft, query: profile("contact_1.jobtitle == 'Product Manager'")),
        SegmentSpec(name: "Webinar no-shows", type: .static, status: .draft, query: nil, description: "Registered but did not attend."),
        SegmentSpec(name: "Surnames A to M", type: .dynamic, status: .live, query: profile("contact_1.lastname < 'N'")),
        SegmentSpec(name: "Customer success contacts", type: .dynamic, status: .live, query: profile("CONTAINS(contact_1.jobtitle, 'Customer Success')")),
        SegmentSpec(name: "Partner portal users", type: .static, status: .live, query: nil),
        SegmentSpec(name: "Outlook and Gmail users", type: .compound, status: .stopped, query: "SEGMENT(#9) UNION SEGMENT(#30)"),
        SegmentSpec(name: "Outlook users", type: .dynamic, status: .live, query: profile("ENDSWITH(contact_1.emailaddress1, '@outlook.com')")),
        SegmentSpec(name: "Contoso employees", type: .dynamic, status: .live, query: profile("ENDSWITH(contact_1.emailaddress1, '@contoso.com')")),
        SegmentSpec(name: "Conference speakers", type: .static, status: .live, query: nil, description: "Speakers at the 2026 user conference."),
        SegmentSpec(name: "Lapsed customers", type: .dynamic, status: .error, query: profile("contact_1.modifiedon < '2025-03-01'")),
        SegmentSpec(name: "Purchasing contacts", type: .dynamic, status: .live, query: profile("contact_1.jobtitle == 'Purchasing Manager'")),
        SegmentSpec(name: "Engineering newsletter", type: .compound, status: .draft, query: "(SEGMENT(#0)) INTERSECT (SEGMENT(#36))"),
        SegmentSpec(name: "Engineers", type: .dynamic, status: .live, query: profile("CONTAINS(contact_1.jobtitle, 'Engineer')")),
        SegmentSpec(name: "Loyalty programme members", type: .static, status: .liveEditable, query: nil),
        SegmentSpec(name: "Brand ambassadors", type: .static, status: .live, query: nil),
        SegmentSpec(name: "All contacts", type: .dynamic, status: .live, query: "PROFILE(contact)"),
    ]

    /// Words that make further segment names for large seeds.
    static let audiences = [
        "Newsletter readers", "Webinar attendees", "Trade show leads", "Prospects", "Customers", "Partners",
        "Event guests", "Trial users", "Renewals due", "Win-back targets", "Survey respondents", "Donors",
        "Clientes", "Prospects chauds", "Interessenten", "Abonnés", "Invités VIP",
    ]
    static let places = [
        "Seattle", "São Paulo", "Lyon", "Tokyo", "London", "Berlin", "Madrid", "Montréal", "Zürich", "Kraków",
        "Nordics", "EMEA", "APAC", "LATAM", "North America", "Île-de-France",
    ]
    static let periods = ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "2025", "2026", "spring", "autumn", "holiday season"]
}
