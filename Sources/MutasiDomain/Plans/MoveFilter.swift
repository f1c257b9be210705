import Foundation

/// Which moves of a plan to list by where they go and why: those leaving `fromAgencyID`, those
/// entering `toAgencyID`, of `kind` (`voluntary` or `compulsory`); nil keeps all.
public struct MoveFilter: Sendable, Equatable {
    public var fromAgencyID: UUID?
    public var toAgencyID: UUID?
    public var kind: String?
    public init(fromAgencyID: UUID? = nil, toAgencyID: UUID? = nil, kind: String? = nil) {
        self.fromAgencyID = fromAgencyID; self.toAgencyID = toAgencyID; self.kind = kind
    }
}
