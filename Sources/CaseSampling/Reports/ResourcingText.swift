/// `casesample size --organisation NAME`: an organisation's planned sample sizes from figure 2 of the
/// guidance manual (``ResourcingTable``), with the built-in spec that draws each sample.
package enum ResourcingText {
    package static func text(_ organisation: ResourcingTable.Organisation) -> String {
        var table = TextTable(headers: ["Sample", "For 80% confidence", "Size used", "Spec"], alignments: [.left, .right, .right, .left])
        for sample in organisation.samples {
            table.append([sample.name, String(sample.atEightyPercent), String(sample.used), sample.spec ?? (sample.name == "Domain three in all" ? "" : "(none yet)")])
        }
        return """
            \(organisation.name) (\(organisation.kind), cluster size \(organisation.clusterSize)): planned sample sizes from \
            figure 2 of the guidance manual (4.1).

            \(table.rendered())
            A spec sizes its sample from the long list's actual eligible cases when a draw has no --size \
            ('casesample specs NAME' gives its rule; 'casesample size --population N' shows the working).

            """
    }
}
