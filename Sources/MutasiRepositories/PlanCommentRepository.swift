import Foundation
import MutasiDomain

/// The agencies a proposed move touches: where the employee is and where the move takes them.
public struct MoveAgencies: Sendable, Equatable {
    public var from: UUID
    public var to: UUID
    public init(from: UUID, to: UUID) { self.from = from; self.to = to }
    public func touches(_ agencyIDs: [UUID]) -> Bool { agencyIDs.contains(from) || agencyIDs.contains(to) }
}

/// Storage of comments on the moves of plans, within the transaction's tenant.
public protocol PlanCommentRepository: Sendable {
    /// The agencies of the move's origin and target slots; nil when the plan proposes no move
    /// for the employee.
    func moveAgencies(tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> MoveAgencies?
    func add(tenantID: UUID, planID: UUID, employeeID: UUID, authorID: UUID, text: String) async throws -> PlanMoveComment
    func find(tenantID: UUID, planID: UUID, employeeID: UUID, id: UUID) async throws -> PlanMoveComment?
    /// Oldest first.
    func list(tenantID: UUID, planID: UUID, employeeID: UUID, _ page: PageRequest) async throws -> Page<PlanMoveComment>
    /// How many comments each of `employeeIDs`' moves in the plan has (absent: none).
    func counts(tenantID: UUID, planID: UUID, employeeIDs: [UUID]) async throws -> [UUID: Int]
}
