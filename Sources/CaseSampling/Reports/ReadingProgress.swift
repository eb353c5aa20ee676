/// The progress line `casesample` shows on a terminal while it reads a large long list:
///
/// ```
/// Reading list.csv: 412 MB of 1,203 MB (34%), 180 MB/s, about 4 s left
/// ```
///
/// Only bytes are counted (rows are counted by the reader, which reports them when it is done).
package enum ReadingProgress {
    /// Files at least this large get a progress line (about 100 MB, as issue 17 asks).
    package static let threshold = 100 * 1_000_000

    /// The line for `bytesRead` of `totalBytes` after `seconds`; once everything is read, what is left
    /// of the work is checking and drawing.
    package static func line(file: String, bytesRead: Int, totalBytes: Int, seconds: Double) -> String {
        let read = min(max(bytesRead, 0), totalBytes)
        if read >= totalBytes { return "Read \(file): \(megabytes(totalBytes)) MB; checking and drawing…" }
        var text = "Reading \(file): \(megabytes(read)) MB of \(megabytes(totalBytes)) MB (\(read * 100 / max(totalBytes, 1))%)"
        guard seconds > 0.2, read > 0 else { return text }
        let rate = Double(read) / seconds
        text += ", \(Format.count(Int((rate / 1_000_000).rounded()))) MB/s"
        let left = Double(totalBytes - read) / rate
        text += ", about \(left < 60 ? "\(Int(left.rounded(.up))) s" : "\(Int((left / 60).rounded(.up))) min") left"
        return text
    }

    static func megabytes(_ bytes: Int) -> String { Format.count(bytes / 1_000_000) }
}
