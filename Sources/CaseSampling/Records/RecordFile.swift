/// A record file (`draw.json`, `finalize.json`): a Swift type written as an ordered JSON document,
/// byte for byte the same everywhere (``JSONValueEncoder``), and read back strictly
/// (``JSONValueDecoder``), records of earlier versions included.
public protocol RecordFile: Codable, Sendable {
    /// What the file is, for messages: "a draw record".
    static var kind: String { get }
}

extension RecordFile {
    /// The record as its file holds it.
    public var document: JSONValue {
        do {
            return try JSONValueEncoder().encode(self)
        } catch {
            preconditionFailure("\(Self.kind) always encodes: \(error)")
        }
    }

    /// The bytes of the record's file.
    public func serializedBytes() -> [UInt8] { document.serializedBytes() }

    /// Reads a record; `file` names it in messages.
    ///
    /// - Throws: ``RecordError`` when the bytes are not JSON or not this record, naming the JSON path.
    public static func load(bytes: [UInt8], file: String) throws(RecordError) -> Self {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            throw RecordError(file: file, message: "not valid JSON: \(error)")
        }
        do {
            return try JSONValueDecoder().decode(Self.self, from: document)
        } catch {
            throw RecordError(file: file, message: "not \(kind): \(JSONValueDecoder.describe(error))")
        }
    }
}
