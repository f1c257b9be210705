import Foundation

/// One stored version of a preference form, as it was filed: the history an employee and the
/// staff who read the form can follow (every change is kept).
public struct PreferenceFormVersion: Codable, Sendable, Equatable {
    public var version: Int
    public var wish: PreferenceForm.Wish
    public var preferences: [UUID]
    public var reasons: [PreferenceForm.Reason]
    public var spouseWorkplace: String?
    /// The user who filed this version.
    public var filedBy: UUID
    public var filedAt: Date

    public init(version: Int, wish: PreferenceForm.Wish, preferences: [UUID], reasons: [PreferenceForm.Reason],
                spouseWorkplace: String?, filedBy: UUID, filedAt: Date) {
        self.version = version; self.wish = wish; self.preferences = preferences; self.reasons = reasons
        self.spouseWorkplace = spouseWorkplace; self.filedBy = filedBy; self.filedAt = filedAt
    }
}
