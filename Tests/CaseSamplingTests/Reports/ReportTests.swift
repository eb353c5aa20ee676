import Foundation
import Testing

@testable import CaseSampling

/// `report.html` of the example draw and of its final sample: every number against the record, a
/// page that needs nothing outside itself, well-formed, and without names or dates of birth.
@Suite struct ReportTests {
    static func exampleDraw(title: String? = "Example inspection") throws -> DrawOutputs {
        var job = DrawJob(
            longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: try readBytes(Examples.domainTwoPath),
            size: 120, seed: 7, substitutesPerCase: nil, delimiter: nil, toolVersion: "test")
        job.title = title
        return try job.run().outputs
    }

    static func report(of outputs: DrawOutputs) -> [UInt8] { outputs.files.first { $0.name == OutputFiles.report }!.bytes }

    @Test func drawReport_showsEveryNumberOfTheRecord() throws {
        let outputs = try Self.exampleDraw()
        let record = outputs.record
        let page = try HTMLTables(Self.report(of: outputs))

        let account = try #require(page.table(startingWith: "The account of every row"))
        #expect(account.first == ["Rows read", "2,000", ""])
        #expect(account.contains(["Invalid", "0", ""]))
        for reason in record.counts.excludedByReason where reason.count > 0 {
            #expect(account.contains(["Excluded: \(reason.code)", Format.count(reason.count), reason.reason]), "\(reason.code)")
        }
        #expect(account.contains(["Eligible", "1,624", "in every unit"]))
        #expect(account.contains(["Sampled", "120", "of the eligible cases"]))
        let excluded = record.counts.excludedByReason.reduce(0) { $0 + $1.count }
        #expect(record.counts.rowsRead == record.counts.invalid + excluded + record.counts.eligible)

        for variable in record.variables {
            let rows = try #require(page.table(startingWith: "\(variable.variable): eligible population against sample"))
            #expect(rows.count == variable.categories.count + 1)
            for (row, category) in zip(rows, variable.categories) {
                #expect(row == [category.label, Format.count(category.population), Format.percent(category.share),
                                Format.twoDecimals(category.expected), Format.count(category.sample),
                                Format.percent(Double(category.sample) / 120), category.withinRounding ? "yes" : "NO: off its floor or ceiling"])
            }
            #expect(rows.last == ["Total", "1,624", "100.0%", "120.00", "120", "100.0%", ""])
        }
        let units = try #require(page.table(startingWith: "Eligible and sampled cases by unit"))
        #expect(units.count == record.units.perUnit.count + 1)
        for (row, line) in zip(units, record.units.perUnit) {
            #expect(row == [line.tier1, line.tier2, Format.count(line.eligible), Format.twoDecimals(line.proportional),
                            Format.count(line.sample), line.withinOne ? "yes" : "NO: off its floor or ceiling"])
        }
        #expect(page.text.contains("Example inspection"))
        #expect(page.text.contains(record.input.sha256))
        #expect(page.text.contains("±5.63 percentage points at 80% confidence"))
        #expect(page.text.contains("Substitutes listed120"))
        #expect(page.text.contains("Seed7"))
    }

    @Test func drawReport_isSelfContainedAndAccessible() throws {
        let bytes = Self.report(of: try Self.exampleDraw())
        let page = try HTMLTables(bytes)
        let html = String(decoding: bytes, as: UTF8.self)
        #expect(!page.elements.contains("script") && !page.elements.contains("link") && !page.elements.contains("img")
                && !page.elements.contains("iframe") && !page.elements.contains("object"))
        for attribute in page.attributes {
            #expect(!["src", "href", "srcset", "action", "data"].contains(attribute.name), "\(attribute)")
            #expect(!attribute.name.hasPrefix("on"), "\(attribute)")
            if attribute.value.contains("url(") { #expect(attribute.value.hasPrefix("url(#"), "\(attribute)") }
            if attribute.value.contains("http") { #expect(attribute.name == "xmlns", "\(attribute)") }
        }
        #expect(!html.contains("@import") && !html.contains("@font-face"))
        #expect(html.contains("@page { size: A4"))
        // Every chart is an image with a title and a description; every table has a caption and headers with scope.
        let charts = page.attributes.filter { $0.element == "svg" && $0.name == "role" }
        #expect(charts.count == 4 && charts.allSatisfy { $0.value == "img" })
        #expect(page.attributes.filter { $0.element == "svg" && $0.name == "aria-labelledby" }.count == 4)
        #expect(page.elements.isSuperset(of: ["title", "desc", "caption", "th", "figcaption"]))
        #expect(page.attributes.filter { $0.element == "th" }.allSatisfy { $0.name == "scope" || $0.name == "class" })
        #expect(page.attributes.contains { $0.element == "html" && $0.name == "lang" && $0.value == "en-GB" })
    }

    @Test func drawReport_holdsNoIdentifyingValueNorCaseReference() throws {
        let outputs = try Self.exampleDraw()
        let html = String(decoding: Self.report(of: outputs), as: UTF8.self)
        let rows = try CSVRecords.parse(try Examples.exampleBytes(), file: "long-list.csv")
        let header = rows[0].fields
        let identifying = ["CRN", "Surname", "Forename", "DateOfBirth"].compactMap { header.firstIndex(of: $0) }
        #expect(identifying.count == 4)
        var checked = 0
        for row in rows.dropFirst() {
            for column in identifying {
                let value = row.fields[column].trimmingCharacters(in: .whitespaces)
                guard value.count >= 4 else { continue }
                #expect(!html.contains(">\(value)<") && !html.contains(" \(value) ") && !html.contains(value + ","), "column \(header[column]) leaks")
                checked += 1
            }
        }
        #expect(checked > 6_000)
    }

    @Test func drawReport_isTheSameBytesEveryRun_andWithoutATitleUsesTheSpecTitle() throws {
        #expect(Self.report(of: try Self.exampleDraw()) == Self.report(of: try Self.exampleDraw()))
        let untitled = try HTMLTables(Self.report(of: try Self.exampleDraw(title: nil)))
        #expect(!untitled.text.contains("Inspection"))
        #expect(untitled.text.contains(try Examples.domainTwo().title))
    }

    /// A category off its floor or ceiling is marked in words, not by colour alone.
    @Test func drawReport_marksACategoryOffItsFloorOrCeilingInWords() throws {
        var record = try Self.exampleDraw().record
        record.variables[0].categories[1].withinRounding = false
        let page = try HTMLTables(DrawReport.html(record: record, spec: try Examples.domainTwo(), title: nil))
        let rows = try #require(page.table(startingWith: "gender: eligible population against sample"))
        #expect(rows[0].last == "yes" && rows[1].last == "NO: off its floor or ceiling")
    }

    /// With chosen units and a minimum per unit, the units table shows each unit's target too.
    @Test func drawReport_withChosenUnitsAndAMinimum_showsTargets() throws {
        var job = DrawJob(
            longListPath: Examples.longListPath, spec: try Examples.domainTwo(), specBytes: try readBytes(Examples.domainTwoPath),
            size: 80, seed: 7, substitutesPerCase: nil, delimiter: nil, toolVersion: "test",
            units: UnitSelection(commaSeparated: "North/Durham,South/*"), minimumPerUnit: 6)
        job.title = nil
        let outputs = try job.run().outputs
        let page = try HTMLTables(Self.report(of: outputs))
        let units = try #require(page.tables.first { $0.key.hasPrefix("Eligible and sampled cases by unit") }?.value)
        #expect(units[0] == ["Tier 1", "Tier 2", "Eligible", "Proportional share", "Target", "Sampled", "Floor or ceiling"])
        #expect(units.count == outputs.record.units.perUnit.count + 2)
        #expect(page.text.contains("At least 6 cases from every selected unit."))
        #expect(page.text.contains("North/Durham, South/*"))
    }

    @Test func finalReport_showsWhatLeftAndTheFinalShares() throws {
        try withScratch { scratch in
            try FinalizeTests.drawExample(to: scratch + "/sample")
            let outputs = try FinalizeTests.finalize(draw: scratch + "/sample", returned: FinalizeTests.examplePath, out: scratch + "/final")
            let record = outputs.record
            let bytes = try readBytes(scratch + "/final/report.html")
            #expect(record.outputs[OutputFiles.report] == SHA256.hexDigest(bytes))
            let page = try HTMLTables(bytes)
            let left = try #require(page.table(startingWith: "Each case that left"))
            #expect(left.count == record.replacements.count && !left.isEmpty)
            for (row, entry) in zip(left, record.replacements) {
                #expect(row[0] == entry.caseReference && row[2] == entry.stratum && row[4] == (entry.substitute ?? "none: the stratum ran short"))
                #expect(row[3].hasPrefix(entry.reason))
            }
            for variable in record.proportions.variables {
                let rows = try #require(page.table(startingWith: "\(variable.variable): eligible population against the provisional"))
                for (row, c) in zip(rows, variable.categories) {
                    #expect(row[1] == Format.count(c.population) && row[4] == Format.count(c.provisional) && row[5] == Format.count(c.final))
                }
            }
            let counts = try #require(page.table(startingWith: "Places in the sample"))
            #expect(counts.contains(["Final sample", Format.count(record.sample.final)]))
            #expect(counts.contains(["Substitutes brought in", Format.count(record.sample.substitutes)]))
            #expect(page.text.contains("±\(Format.twoDecimals(record.marginOfError.final.margin! * 100)) percentage points"))
            // No name or date of birth from the returned list.
            let html = String(decoding: bytes, as: UTF8.self)
            let rows = try CSVRecords.parse(try readBytes(scratch + "/sample/provisional.csv"), file: "p")
            let surname = try #require(rows[0].fields.firstIndex(of: "Surname")), birth = try #require(rows[0].fields.firstIndex(of: "DateOfBirth"))
            for row in rows.dropFirst() {
                #expect(!html.contains(">\(row.fields[surname])<") && !html.contains(row.fields[birth]))
            }
        }
    }
}
