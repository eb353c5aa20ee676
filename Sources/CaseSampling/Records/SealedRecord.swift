/// A record that carries the SHA-256 of its own contents (`recordSHA256`, its last member), so that an
/// edit of the record made outside casesample is found when the record is read back.
///
/// The digest is of the record as casesample writes it with `recordSHA256` left out: the record is
/// decoded, the member set aside, the rest written again (``JSONValueEncoder`` writes the same bytes
/// for the same record, whatever the file's spacing) and hashed. So re-indenting the file is not an
/// edit, and changing any value is. It guards the record against mistakes and hand edits, not against
/// forgery: anyone who edits a record can compute the digest again, and records of versions before the
/// digest have none (``sealProblem`` is then nil; the consistency checks still apply).
public protocol SealedRecord: RecordFile {
    /// Lowercase hexadecimal; nil in records written before the digest existed, and while sealing.
    var recordSHA256: String? { get set }
}

extension SealedRecord {
    /// The record with ``recordSHA256`` set to the digest of the rest.
    public func sealed() -> Self {
        var copy = self
        copy.recordSHA256 = nil
        copy.recordSHA256 = SHA256.hexDigest(copy.serializedBytes())
        return copy
    }

    /// The SHA-256 of the record written without ``recordSHA256``; nil when it cannot be written,
    /// which only a hand-made record can cause (a number such as `1e300` that casesample never writes).
    func contentDigest() -> String? {
        var copy = self
        copy.recordSHA256 = nil
        guard let document = try? JSONValueEncoder().encode(copy) else { return nil }
        return SHA256.hexDigest(document.serializedBytes())
    }

    /// Why the record is not as casesample sealed it, or nil when its digest matches (or it has none).
    public var sealProblem: String? {
        guard let recorded = recordSHA256 else { return nil }
        guard let digest = contentDigest() else {
            return "holds a number casesample never writes (not finite, or 2^63 or more), so it was edited after casesample wrote it"
        }
        guard recorded == digest else {
            return "recordSHA256 is not the SHA-256 of the rest of the record: it was edited after casesample wrote it"
        }
        return nil
    }
}
