/// Every number and name list that shapes a generated long list, in one place.
///
/// The shares are targets for a large file; a generated file matches them within sampling error
/// (each categorical draw is quantised to 1/65,536, see ``CategoricalTable``). Weights need not
/// sum to one: each list is normalised where it is used.
///
/// Changing anything here changes every generated file, including the committed
/// `SampleSpecs/examples/long-list.csv`: regenerate it with the command in its README.
enum LongListParameters {

    // MARK: - The file

    /// The header line, exactly as casesample's examples and tests expect it.
    static let header = [
        "CRN", "Surname", "Forename", "DateOfBirth", "Gender", "Tier1Unit", "Tier2Unit",
        "ResponsibleOfficer", "SentenceType", "SentenceDate", "ReleaseDate", "RoSH", "Requirements",
        "YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess",
    ]

    /// The day the list was extracted, as (year, month, day). Fixed, not today's date, so that
    /// the same flags give the same file on any day. Sentence dates fall in the 365 days ending here.
    static let extractDate = (year: 2026, month: 10, day: 31)

    // MARK: - Who

    /// Gender as recorded: 88% male, 12% female.
    static let genders: [(value: String, weight: Double)] = [("Male", 0.88), ("Female", 0.12)]

    /// Age at sentence, in bands of whole years `[from, to)`, each drawn uniformly inside.
    static let ageBands: [(from: Int, to: Int, weight: Double)] = [
        (18, 21, 0.090), (21, 25, 0.150), (25, 30, 0.180), (30, 40, 0.290),
        (40, 50, 0.170), (50, 60, 0.085), (60, 70, 0.028), (70, 90, 0.007),
    ]

    /// Surnames with rough relative frequencies per 1,000. Besides common names, the list holds
    /// every spelling hazard a reader must survive: a comma (`Smith, Jr`, quoted on output), a
    /// double quote (`O"Brien`, a keying slip, written `"O""Brien"`), a straight and a typographic
    /// apostrophe (`O'Neil`, `O’Neil`), hyphens, spaces and letters beyond ASCII.
    static let surnames: [(value: String, weight: Double)] = [
        ("Smith", 12), ("Jones", 9), ("Williams", 7), ("Taylor", 6), ("Brown", 6), ("Davies", 5),
        ("Evans", 4), ("Wilson", 4), ("Thomas", 4), ("Johnson", 4), ("Roberts", 4), ("Robinson", 3),
        ("Thompson", 3), ("Wright", 3), ("Walker", 3), ("White", 3), ("Edwards", 3), ("Hughes", 3),
        ("Green", 3), ("Hall", 3), ("Lewis", 3), ("Harris", 3), ("Clarke", 3), ("Patel", 3),
        ("Jackson", 2), ("Wood", 2), ("Turner", 2), ("Martin", 2), ("Cooper", 2), ("Hill", 2),
        ("Ward", 2), ("Morris", 2), ("Moore", 2), ("Clark", 2), ("Lee", 2), ("King", 2),
        ("Baker", 2), ("Harrison", 2), ("Morgan", 2), ("Allen", 2), ("James", 2), ("Scott", 2),
        ("Phillips", 2), ("Watson", 2), ("Davis", 2), ("Parker", 2), ("Price", 2), ("Bennett", 2),
        ("Young", 2), ("Griffiths", 2), ("Mitchell", 2), ("Kelly", 2), ("Cook", 2), ("Carter", 2),
        ("Richardson", 2), ("Bailey", 2), ("Collins", 2), ("Bell", 2), ("Shaw", 2), ("Murphy", 2),
        ("Miller", 2), ("Cox", 2), ("Richards", 2), ("Khan", 2), ("Marshall", 2), ("Anderson", 2),
        ("Simpson", 2), ("Ellis", 2), ("Adams", 2), ("Singh", 2), ("Ali", 2), ("Hussain", 2),
        ("Ahmed", 2), ("Begum", 1), ("Kowalski", 1), ("Nowak", 1), ("MacDonald", 1),
        ("McDonald", 1), ("O'Brien", 1), ("O'Connor", 0.8), ("O'Neil", 0.6), ("O’Neil", 0.4),
        ("D'Souza", 0.4), ("Nguyen", 0.5), ("Okafor", 0.5), ("Mensah", 0.4), ("Popescu", 0.5),
        ("Wiśniewski", 0.5), ("Dąbrowski", 0.3), ("Fernández", 0.3), ("Müller", 0.2),
        ("Ó Súilleabháin", 0.1), ("van der Berg", 0.2), ("St. John", 0.2), ("Smith-Jones", 0.3),
        ("Smith, Jr", 0.15), ("O\"Brien", 0.1),
    ]

    static let maleForenames: [(value: String, weight: Double)] = [
        ("James", 5), ("John", 4), ("David", 5), ("Michael", 5), ("Daniel", 5), ("Paul", 4),
        ("Mark", 4), ("Lee", 3), ("Ryan", 4), ("Thomas", 3), ("Christopher", 4), ("Andrew", 3),
        ("Matthew", 3), ("Jamie", 3), ("Liam", 3), ("Connor", 3), ("Jordan", 3), ("Kyle", 2),
        ("Callum", 2), ("Adam", 3), ("Ashley", 2), ("Dean", 2), ("Craig", 2), ("Scott", 2),
        ("Steven", 3), ("Robert", 3), ("Anthony", 3), ("Joseph", 2), ("Jack", 3), ("Lewis", 2),
        ("Mohammed", 2), ("Muhammad", 2), ("Ali", 1), ("Kieran", 2), ("Nathan", 2), ("Shane", 1),
        ("Wayne", 2), ("Gary", 2), ("Darren", 2), ("Sean", 2), ("Dylan", 1), ("Rhys", 1),
        ("Dafydd", 0.3), ("Piotr", 0.4), ("Tomasz", 0.3), ("José", 0.3), ("Łukasz", 0.3),
        ("Seán", 0.2), ("Ionuț", 0.2), ("François", 0.1),
    ]

    static let femaleForenames: [(value: String, weight: Double)] = [
        ("Sarah", 5), ("Emma", 4), ("Laura", 4), ("Gemma", 3), ("Amy", 3), ("Lisa", 3),
        ("Rebecca", 3), ("Kelly", 3), ("Jessica", 2), ("Hannah", 2), ("Chloe", 2), ("Charlotte", 2),
        ("Stacey", 2), ("Natalie", 2), ("Leanne", 2), ("Michelle", 2), ("Nicola", 2),
        ("Samantha", 2), ("Danielle", 2), ("Jade", 2), ("Kayleigh", 2), ("Shannon", 1),
        ("Fatima", 1), ("Aisha", 1), ("Niamh", 0.3), ("Saoirse", 0.2), ("Agnieszka", 0.2),
        ("Siân", 0.6), ("Zoë", 0.6), ("Chloé", 0.2), ("Renée", 0.1),
    ]

    /// A forename keyed with a line break inside the cell (Alt+Enter in Excel, stored as a bare LF
    /// inside a quoted field), and how often it occurs among all rows.
    static let lineBreakForename = "Mary\nAnn"
    static let lineBreakForenameRate = 1.0 / 20_000

    // MARK: - The sentence

    /// The four sentence types: 35% / 25% community and suspended orders, 30% / 10% post-custody.
    static let sentenceTypes: [(value: String, weight: Double, isPostCustody: Bool)] = [
        ("Community Order", 0.35, false),
        ("Suspended Sentence Order", 0.25, false),
        ("Licence", 0.30, true),
        ("Post Sentence Supervision", 0.10, true),
    ]

    /// RoSH levels in order, and their shares given each sentence type (rows in the order of
    /// ``sentenceTypes``). Custody raises the risk a little. Marginals: Low 25.1%, Medium 55.1%,
    /// High 17.9%, Very High 2.0%, against targets of 25 / 55 / 18 / 2.
    static let roshLevels = ["Low", "Medium", "High", "Very High"]
    static let roshGivenSentenceType: [[Double]] = [
        [0.350, 0.550, 0.095, 0.005],
        [0.300, 0.570, 0.120, 0.010],
        [0.110, 0.525, 0.320, 0.045],
        [0.200, 0.580, 0.200, 0.020],
    ]

    /// Days from sentence to release for post-custody cases: `minimum + uniform(0..<spread)`.
    /// Some fall after the extract date: people still in custody, due out on licence.
    static let releaseDelay = (minimum: 14, spread: 330)

    // MARK: - Requirements (community and suspended orders only)

    /// Requirement names in the order they are listed in a row, joined by `;`.
    static let requirements = [
        "Rehabilitation Activity Requirement", "Unpaid Work", "Curfew", "Exclusion",
        "Attendance Centre", "Accredited Programme", "Drug Rehabilitation", "Alcohol Treatment",
        "Mental Health Treatment", "Prohibited Activity", "Residence", "Supervision",
    ]

    /// The requirements that alone do not make a case inspectable (indices into ``requirements``).
    static let excludingOnlyRequirements: Set<Int> = [1, 2, 3, 4]

    /// How an order's requirements are made up: none at all (5%), only excluding requirements
    /// (15%), or at least one other requirement (80%).
    static let requirementMix = (none: 0.05, excludingOnly: 0.15, qualifying: 0.80)

    /// For an excluding-only order: the first requirement's weights (over ``requirements``), and
    /// the chance of a second one drawn the same way.
    static let excludingOnlyFirst: [Double] = [0, 60, 25, 8, 7, 0, 0, 0, 0, 0, 0, 0]
    static let excludingOnlySecondRate = 0.30

    /// For a qualifying order: the main requirement's weights, then each requirement's chance of
    /// being added on top (both over ``requirements``).
    static let qualifyingMain: [Double] = [55, 0, 0, 0, 0, 12, 8, 9, 4, 3, 2, 7]
    static let qualifyingExtraRates: [Double] = [
        0.25, 0.35, 0.15, 0.04, 0.01, 0.08, 0.05, 0.06, 0.03, 0.03, 0.02, 0.05,
    ]

    // MARK: - Flags (Y or N)

    /// The share of `Y` for each flag column, in header order.
    static let flagRates: [Double] = [
        0.010,  // YOTHeld
        0.010,  // SFOReview
        0.020,  // TransferredIn
        0.020,  // TransferredOut
        0.015,  // EscalatedFromCRC
        0.005,  // LimitedAccess
    ]

    // MARK: - The organisation

    /// Tier-1 units and the tier-2 teams each may have. A unit gets 4 to 8 of its teams.
    /// One team name holds a comma, as real ones do, so unit columns need quoting too.
    static let tier1Units: [(name: String, teams: [String])] = [
        ("North", ["Hartlepool", "Redcar", "Middlesbrough", "Stockton", "Darlington", "Durham",
                   "Sunderland", "Gateshead"]),
        ("South", ["Brighton", "Worthing", "Crawley", "Hastings", "Eastbourne", "Chichester",
                   "Horsham", "Lewes"]),
        ("East", ["Barking, Dagenham & Havering", "Newham", "Tower Hamlets", "Hackney",
                  "Redbridge", "Waltham Forest", "Enfield", "Haringey"]),
        ("West", ["Bristol North", "Bristol South", "Bath", "Weston-super-Mare", "Swindon",
                  "Gloucester", "Cheltenham", "Stroud"]),
        ("Central", ["Birmingham Central", "Coventry", "Wolverhampton", "Walsall", "Dudley",
                     "Solihull", "Sandwell", "Redditch"]),
        ("Coast", ["Blackpool", "Lancaster", "Morecambe", "Fleetwood", "Southport", "Barrow",
                   "Whitehaven", "Workington"]),
    ]
    static let teamsPerUnit = 4...8
    static let officersPerTeam = 6...12

    /// Unequal sizes: each unit, team and officer gets a weight drawn uniformly from its range.
    static let unitWeightRange = 0.4...2.0
    static let teamWeightRange = 0.3...2.0
    static let officerWeightRange = 0.5...1.5

    /// The default number of tier-1 units, by file size: small files come from small areas.
    static func defaultUnitCount(rows: Int) -> Int {
        switch rows {
        case ...5_000: 3
        case ...100_000: 4
        default: 6
        }
    }

    /// Officers are probation officers (`PO`) or probation services officers (`PSO`).
    static let officerGrades: [(value: String, weight: Double)] = [("PO", 0.7), ("PSO", 0.3)]
    static let officerForenames = [
        "Jane", "Helen", "Claire", "Karen", "Rachel", "Joanne", "Sarah", "Priya", "Amanda", "Fiona",
        "Susan", "Angela", "Peter", "Richard", "Simon", "Ian", "Neil", "Martin", "Graham", "Stuart",
        "Imran", "Kwame", "Gareth", "Alan",
    ]
    static let officerSurnames = [
        "Smith", "Okoye", "Fletcher", "Barnes", "Holt", "Lambert", "Nash", "Pearson", "Quinn",
        "Rahman", "Sutton", "Tennant", "Vaughan", "Webb", "Yates", "Ashworth", "Booth", "Chowdhury",
        "Dixon", "Ellison", "Fairclough", "Gill", "Hendry", "Iqbal", "Jarvis", "Kaur", "Lowe",
        "Metcalfe", "Norris", "Oakes", "Pickering", "Rowley", "Sheridan", "Thornton", "Varley",
        "Whitfield",
    ]
}
