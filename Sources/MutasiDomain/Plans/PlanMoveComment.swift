import Foundation

/// A comment on one proposed move of a plan (komentar operator), written by an agency operator
/// of an agency the move touches (or a tenant admin), for those who decide on the plan.
public struct PlanMoveComment: Codable, Sendable, Equatable {
    /// The longest comment, in characters.
    public static let maxText = 2000

    public var id: UUID
    public var planID: UUID
    public var employeeID: UUID
    public var authorID: UUID
    public var authorName: String
    public var authorRole: Role
    public var text: String
    public var createdAt: Date

    public init(id: UUID, planID: UUID, employeeID: UUID, authorID: UUID, authorName: String, authorRole: Role,
                text: String, createdAt: Date) {
        self.id = id; self.planID = planID; self.employeeID = employeeID; self.authorID = authorID
        self.authorName = authorName; self.authorRole = authorRole; self.text = text; self.createdAt = createdAt
    }
}
