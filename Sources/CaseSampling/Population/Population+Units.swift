extension Population {
    /// The code and text of the exclusion given to eligible rows outside the selected units.
    public static let unitNotSelected = (code: "unit-not-selected", text: "Eligible, but not in a unit selected for the sample")

    /// This population with only the eligible rows of `selected` units left eligible: the others are
    /// excluded with reason ``unitNotSelected``, so that every row is still accounted for.
    public func restricted(toUnits selected: [Int]) -> Population {
        var keep = [Bool](repeating: false, count: units.count)
        for unit in selected { keep[unit] = true }
        let reasonCode = UInt8(reasons.count + 1)
        var reasons = self.reasons
        var disposition = self.disposition
        var moved = 0
        for row in disposition.indices where disposition[row] == Population.eligible && !keep[unit(of: row)] {
            disposition[row] = reasonCode
            moved += 1
        }
        reasons.append(ExclusionReason(code: Population.unitNotSelected.code, text: Population.unitNotSelected.text, count: moved))
        var result = Population(
            spec: spec, list: list, variables: variables, reasons: reasons, rulesNotApplied: rulesNotApplied,
            units: units, warnings: warnings, disposition: disposition, cells: cells, unitOfRow: unitOfRow)
        result.selectedUnits = selected.sorted()
        result.substituteOnly = substituteOnly
        return result
    }
}
