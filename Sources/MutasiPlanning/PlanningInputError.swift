/// Why an instance was refused as a whole.
///
/// `code` is stable (for translated messages and for the API's problem documents); `record` and
/// `field` say where the problem is, so that a person can fix the file; `message` is the full
/// English sentence the CLI prints.
public struct PlanningInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    /// The record at fault, e.g. `employees[3] "198501012010011001"`, `policy`, or `document`.
    public var record: String
    /// The field at fault, e.g. `grade`; empty when the record as a whole is at fault.
    public var field: String
    public var message: String

    public init(code: String, record: String, field: String, message: String) {
        self.code = code
        self.record = record
        self.field = field
        self.message = message
    }

    /// An error whose message reads "record, field: detail".
    init(_ code: String, record: String, field: String, _ detail: String) {
        let place = field.isEmpty ? record : "\(record), field \(field)"
        self.init(code: code, record: record, field: field, message: "\(place): \(detail)")
    }

    public var description: String { message }
}
