/// Rows whose names are set rather than drawn, so that even a small file shows every spelling
/// hazard a CSV reader must handle.
///
/// Chance alone leaves some of these out of a 2,000-row file (`Zoë` is about 1 female forename in
/// 100, `O"Brien` 1 surname in 2,000), so in every file of ``minimumRows`` rows or more, entry `k`
/// of ``entries`` replaces the surname, forename and gender of row `(k + 1) × rows / 7`
/// (0-based), spreading them through the file. Every other column of those rows, and the
/// generator's stream, are as drawn, so the rest of the file is the same as without them.
enum ShowcaseRows {
    static let entries: [(surname: String, forename: String, gender: String)] = [
        ("Smith, Jr", "David", "Male"),   // a comma: the field is quoted
        ("O\"Brien", "Sean", "Male"),     // a double quote: quoted, the quote doubled
        ("O’Neil", "Ryan", "Male"),       // a typographic apostrophe (U+2019), unquoted
        ("Jones", "Siân", "Female"),      // a circumflex
        ("Taylor", "Zoë", "Female"),      // a diaeresis
        ("Brown", "Mary\nAnn", "Female"), // a line feed inside a quoted field
    ]

    /// Smaller files are left as drawn.
    static let minimumRows = 100

    /// The 0-based index of the row that shows entry `entry`, for a file of `rows` rows.
    static func rowIndex(ofEntry entry: Int, rows: Int) -> Int {
        (entry + 1) * rows / (entries.count + 1)
    }
}
