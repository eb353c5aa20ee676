/// Figure 2 of the guidance manual (4.1, "Inspection size and resourcing"): for each CRC contract
/// package area and NPS division, its cluster size and the sample sizes for domains two and three, as
/// computed for 80% confidence and as used. The rows are the manual's, tab-separated as printed.
public struct ResourcingTable: Sendable {
    /// One sample of one organisation: the size for 80% confidence and the size used (the revised
    /// size where the manual gives one).
    public struct Sample: Sendable, Equatable {
        /// The built-in spec for this sample where there is one (`domain-two`, `court-reports`, …).
        public var spec: String?
        public var name: String
        public var atEightyPercent: Int
        public var used: Int
    }

    public struct Organisation: Sendable, Equatable {
        public var name: String
        /// `CRC` or `NPS`.
        public var kind: String
        public var clusterSize: String
        public var samples: [Sample]
    }

    public var organisations: [Organisation]

    /// The organisation named `name` (case and surrounding spaces ignored).
    public func organisation(named name: String) -> Organisation? {
        organisations.first { ValueMatching.key($0.name) == ValueMatching.key(name) }
    }

    /// Figure 2 as printed.
    public static let manual: ResourcingTable = {
        var organisations: [Organisation] = []
        for line in crcRows.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let n = f.dropFirst(2).map { Int($0)! }
            // D2 80%, D2, D2 revised, UPW 80%, TTG 80%, D3 80%, UPW, TTG, D3, D3 revised
            organisations.append(Organisation(name: f[0], kind: "CRC", clusterSize: f[1], samples: [
                Sample(spec: "domain-two", name: "Domain two", atEightyPercent: n[0], used: n[2]),
                Sample(spec: nil, name: "Unpaid work", atEightyPercent: n[3], used: n[6]),
                Sample(spec: nil, name: "Through the Gate", atEightyPercent: n[4], used: n[7]),
                Sample(spec: nil, name: "Domain three in all", atEightyPercent: n[5], used: n[9]),
            ]))
        }
        for line in npsRows.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let n = f.dropFirst(2).compactMap { Int($0) }
            // D2 80%, D2, R&A 80%, SVC 80%, D3 80%, R&A, SVC, D3
            organisations.append(Organisation(name: f[0], kind: "NPS", clusterSize: f[1], samples: [
                Sample(spec: "domain-two", name: "Domain two", atEightyPercent: n[0], used: n[1]),
                Sample(spec: "court-reports", name: "Court reports and allocation", atEightyPercent: n[2], used: n[5]),
                Sample(spec: "victim-contact", name: "Statutory victim contact", atEightyPercent: n[3], used: n[6]),
                Sample(spec: nil, name: "Domain three in all", atEightyPercent: n[4], used: n[7]),
            ]))
        }
        return ResourcingTable(organisations: organisations)
    }()

    /// CRC, cluster size, D2 sample size 80%, D2, D2 revised, unpaid work 80%, Through the Gate 80%,
    /// D3 80%, unpaid work, Through the Gate, D3, D3 revised.
    static let crcRows = """
        Norfolk & Suffolk CRC	Aa	84	100	98	22	12	34	28	16	44	44
        Northumbria CRC	Aa	96	100	98	21	15	36	26	18	44	44
        Warwickshire & West Mercia CRC	Aa	95	100	98	24	16	40	26	18	44	44
        Dorset, Devon & Cornwall CRC	Aa	94	100	98	27	16	43	28	16	44	44
        Durham Tees Valley CRC	Ab	99	100	100	21	19	40	23	21	44	54
        Hampshire & Isle of Wight CRC	Ab	96	100	100	24	18	42	30	24	54	54
        Essex CRC	Ab	98	100	100	37	15	52	38	16	54	54
        South Yorkshire CRC	Ba	101	120	110	28	21	49	31	23	54	54
        Thames Valley CRC	Ba	104	120	110	31	21	52	32	22	54	54
        Merseyside CRC	Bb	108	120	120	30	28	58	34	32	66	66
        Humber, Lincolnshire & North Yorkshire CRC	Bb	113	120	120	35	25	60	39	27	66	66
        Cumbria & Lancashire CRC	Bb	109	120	120	34	27	61	38	28	66	66
        Bristol, Gloucestershire, Somerset & Wiltshire CRC	Bb	117	120	120	43	22	65	44	22	66	66
        West Yorkshire CRC	Ca	118	130	130	45	40	85	47	41	88	88
        Bedfordshire, Northamptonshire, Cambridgeshire & Hertfordshire CRC	Ca	122	130	130	44	34	78	50	38	88	88
        Wales CRC	Ca	128	130	130	52	35	87	53	35	88	88
        Derbyshire, Leicestershire, Nottinghamshire & Rutland CRC	Cb	126	130	132	45	43	88	50	48	98	98
        Kent, Surrey & Sussex CRC	Cb	124	130	132	53	39	92	57	41	98	98
        Cheshire & Greater Manchester CRC	Da	130	150	136	63	49	112	68	52	120	115
        Staffordshire & West Midlands CRC	Da	133	150	136	60	52	112	65	55	120	115
        London CRC	Db	147	150	148	94	77	171	97	79	176	176
        """

    /// NPS region, cluster size, D2 sample size 80%, D2, (blank), reports and allocation 80%, statutory
    /// victim contact 80%, D3 80%, reports and allocation, statutory victim contact, D3, (blank).
    static let npsRows = """
        Wales	A	91	96		78	6	84	85	15	100	
        South East and Eastern	Ba	119	120		112	9	121	125	15	140	
        South West and South Central	Ba	113	120		108	16	124	120	20	140	
        London	Bb	112	120		118	28	146	120	30	150	
        Midlands	C	123	128		113	15	128	120	20	140	
        North East	C	125	128		118	3	121	125	15	140	
        North West	C	122	128		114	16	130	120	20	140	
        """
}
