import Foundation

/// An employee's priority points (poin prioritas) in a campaign, with the rule behind each part.
/// Computed from the campaign's rules, the employee's time in the current post, the reasons of
/// their form, the remote units they serve or served in and the adjustments of their upheld
/// contests whenever they are read, so that the figures shown and those a plan uses agree.
public struct PriorityPoints: Codable, Sendable, Equatable {
    public struct Part: Codable, Sendable, Equatable {
        /// `yearsInPost`, `familyReunion`, `health`, `remoteService` or `contest`.
        public var rule: String
        public var points: Int
        public var detail: String
        public init(rule: String, points: Int, detail: String) { self.rule = rule; self.points = points; self.detail = detail }
    }

    /// The most points anyone has, as the planning instance reads `priority` (0...500).
    public static let max = 500

    /// An upheld contest (sanggahan poin): the points a tenant admin added (or took away) and why.
    public struct Adjustment: Codable, Sendable, Equatable {
        public var points: Int
        public var note: String
        public init(points: Int, note: String) { self.points = points; self.note = note }
    }

    public var total: Int
    /// The parts that gave points, in rule order, then the contest adjustments in the order they
    /// were decided; the total is their sum kept within 0...`max`.
    public var breakdown: [Part]

    public init(total: Int, breakdown: [Part]) { self.total = total; self.breakdown = breakdown }

    /// Points under `rules` for an employee in the current post since `slotSince` (nil: not placed),
    /// counting whole years up to `asOf`, whose form gives `reasons` (each category counts once),
    /// who serves or served in the remote units `remoteUnits` (codes; the rule counts once) and
    /// whose upheld contests gave `adjustments`.
    public static func compute(_ rules: PointRules, slotSince: CalendarDate?, asOf: CalendarDate,
                               reasons: [PreferenceForm.ReasonCategory], remoteUnits: [String] = [],
                               adjustments: [Adjustment] = []) -> PriorityPoints {
        var parts: [Part] = []
        if let since = slotSince, rules.perYearInPost > 0 {
            let years = Swift.max(0, since.age(on: asOf))
            let counted = Swift.min(years, Swift.max(0, rules.yearsInPostCap))
            if counted > 0 {
                parts.append(Part(rule: "yearsInPost", points: counted * rules.perYearInPost,
                                  detail: "\(counted) tahun penuh pada jabatan sekarang sejak \(since.iso) "
                                      + "(\(years) tahun sampai \(asOf.iso), paling banyak \(rules.yearsInPostCap)) x \(rules.perYearInPost)"))
            }
        }
        let given = Set(reasons)
        if given.contains(.familyReunion), rules.familyReunion > 0 {
            parts.append(Part(rule: "familyReunion", points: rules.familyReunion, detail: "Formulir memuat alasan berkumpul dengan pasangan/keluarga"))
        }
        if given.contains(.health), rules.health > 0 {
            parts.append(Part(rule: "health", points: rules.health, detail: "Formulir memuat alasan kesehatan"))
        }
        if !remoteUnits.isEmpty, rules.remoteService > 0 {
            let codes = Array(Set(remoteUnits)).sorted()
            parts.append(Part(rule: "remoteService", points: rules.remoteService,
                              detail: "Bertugas atau pernah bertugas di unit daerah terpencil: \(codes.joined(separator: ", "))"))
        }
        for adjustment in adjustments {
            parts.append(Part(rule: "contest", points: adjustment.points, detail: adjustment.note))
        }
        let sum = parts.reduce(0) { $0 + $1.points }
        return PriorityPoints(total: Swift.min(max, Swift.max(0, sum)), breakdown: parts)
    }
}
