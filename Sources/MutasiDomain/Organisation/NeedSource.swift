import Foundation

/// Where a slot's need (kebutuhan) comes from. A need is the result of an approved needs
/// analysis; a tenant admin may override it, but only with a stated reason, which stays beside
/// the need so that anyone reading the figure sees why it departs from the analysis.
public enum NeedSource: String, Codable, Sendable, Equatable {
    /// Never set: the need is 0.
    case none
    /// Set by the approval of the analysis in `needAnalysisID`.
    case analysis
    /// Set by a tenant admin, with `needReason`.
    case override
}

/// The reason for overriding a slot's need: 10 to 500 characters after trimming, so that it says
/// something. Codes `slot.need_reason_required`, `slot.need_reason_too_short`, `slot.need_reason_too_long`.
public enum NeedOverrideReason {
    public static let length = 10...500

    public static func validate(_ raw: String?, field: String = "needReason") throws -> String {
        let text = FastText.collapsed(raw ?? "")
        guard !text.isEmpty else {
            throw DomainError.invalid("slot.need_reason_required",
                                      "Changing a need outside an approved needs analysis needs a reason.", field: field)
        }
        guard text.count >= length.lowerBound else {
            throw DomainError.invalid("slot.need_reason_too_short",
                                      "A reason for overriding a need has at least \(length.lowerBound) characters.", field: field)
        }
        guard text.count <= length.upperBound else {
            throw DomainError.invalid("slot.need_reason_too_long",
                                      "A reason for overriding a need has at most \(length.upperBound) characters.", field: field)
        }
        return text
    }
}
