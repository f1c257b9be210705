import Foundation

/// How a campaign gives each employee priority points (poin prioritas), published before
/// planning: points per full year in the current post (up to a number of years), points when
/// the employee's form gives a family reunion or health reason, and points for serving or
/// having served in a remote unit (daerah terpencil). Absent rules give nothing.
public struct PointRules: Codable, Sendable, Equatable {
    /// Points per full year in the current post, 0...100.
    public var perYearInPost: Int
    /// The most years counted for `perYearInPost`, 0...40.
    public var yearsInPostCap: Int
    /// Points when the form gives a family reunion reason, 0...500.
    public var familyReunion: Int
    /// Points when the form gives a health reason, 0...500.
    public var health: Int
    /// Points when the employee serves now, or has served, in a unit flagged remote, 0...500.
    public var remoteService: Int

    public static let maxPerYear = 100
    public static let maxYears = 40
    public static let maxReasonPoints = 500

    public init(perYearInPost: Int = 0, yearsInPostCap: Int = 0, familyReunion: Int = 0, health: Int = 0,
                remoteService: Int = 0) {
        self.perYearInPost = perYearInPost; self.yearsInPostCap = yearsInPostCap
        self.familyReunion = familyReunion; self.health = health; self.remoteService = remoteService
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case perYearInPost, yearsInPostCap, familyReunion, health, remoteService }

    /// Unknown fields are refused; absent ones are 0.
    public init(from decoder: any Decoder) throws {
        try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        perYearInPost = try c.decodeIfPresent(Int.self, forKey: .perYearInPost) ?? 0
        yearsInPostCap = try c.decodeIfPresent(Int.self, forKey: .yearsInPostCap) ?? 0
        familyReunion = try c.decodeIfPresent(Int.self, forKey: .familyReunion) ?? 0
        health = try c.decodeIfPresent(Int.self, forKey: .health) ?? 0
        remoteService = try c.decodeIfPresent(Int.self, forKey: .remoteService) ?? 0
    }

    /// Each rule within its range; the error names the field (`pointRules.perYearInPost`).
    public func validate() throws {
        let limits: [(String, Int, Int)] = [
            ("perYearInPost", perYearInPost, Self.maxPerYear), ("yearsInPostCap", yearsInPostCap, Self.maxYears),
            ("familyReunion", familyReunion, Self.maxReasonPoints), ("health", health, Self.maxReasonPoints),
            ("remoteService", remoteService, Self.maxReasonPoints),
        ]
        for (name, value, max) in limits where !(0...max).contains(value) {
            throw DomainError.invalid("campaign.invalid_point_rule", "pointRules.\(name) must be between 0 and \(max).",
                                      field: "pointRules.\(name)")
        }
    }
}
