/// `casesample size --organisation NAME`: an organisation's planned sample sizes from figure 2 of the
/// guidance manual (``ResourcingTable``), with the built-in spec that draws each sample.
package enum ResourcingText {
    /// The organisation's planned sizes; `actual` (by spec name) adds the size each spec computes
    /// from a long list's eligible cases, and "Domain three in all" their sum once every domain-three
    /// sample has one (a part of the sum would read as the whole).
    package static func text(_ organisation: ResourcingTable.Organisation, actual: [String: (eligible: Int, size: Int)] = [:]) -> String {
        let domainThree = organisation.samples.compactMap(\.spec).filter { $0 != "domain-two" }
        let domainThreeSizes = domainThree.compactMap { actual[$0]?.size }
        let domainThreeTotal = domainThreeSizes.count == domainThree.count ? domainThreeSizes.reduce(0, +) : nil
        var headers = ["Sample", "For 80% confidence", "Size used", "Spec"]
        var alignments: [TextTable.Alignment] = [.left, .right, .right, .left]
        if !actual.isEmpty {
            headers.append("From the long list")
            alignments.append(.right)
        }
        var table = TextTable(headers: headers, alignments: alignments)
        for sample in organisation.samples {
            var row = [sample.name, String(sample.atEightyPercent), String(sample.used), sample.spec ?? (sample.name == "Domain three in all" ? "" : "(none yet)")]
            if !actual.isEmpty {
                if sample.spec == nil, let domainThreeTotal {
                    row.append("\(Format.count(domainThreeTotal)) in all")
                } else {
                    row.append(sample.spec.flatMap { actual[$0] }.map { "\(Format.count($0.size)) of \(Format.count($0.eligible)) eligible" } ?? "")
                }
            }
            table.append(row)
        }
        return """
            \(organisation.name) (\(organisation.kind), cluster size \(organisation.clusterSize)): planned sample sizes from \
            figure 2 of the guidance manual (4.1).

            \(table.rendered())
            A spec sizes its sample from the long list's actual eligible cases when a draw has no --size \
            ('casesample specs NAME' gives its rule; 'casesample size --population N' shows the working; \
            --long-list SPEC=FILE shows it for a long list).

            """
    }
}
