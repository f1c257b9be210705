import Foundation
import MutasiDomain
import MutasiRepositories

/// The demo province's closed preference campaign: forms from about 15% of its employees,
/// generated from a seeded random number generator so every run writes the same forms.
///
/// Volunteers (`wish: move`, about 10%) list two to four units of their own agency that have a
/// post like theirs, nearest first (same district, then same regency), with a lean towards the
/// units that grew; about one volunteer in five has found a colleague in the same post elsewhere
/// and each lists the other's unit first (the exchanges a plan can make). Some give a family
/// reunion reason with the spouse's district. About 4% ask to stay (children at school, health),
/// about 1% file without a wish. The first person (the demo `pegawai` user's record) is always a
/// volunteer, so that user has a form to read.
struct DemoCampaign {
    static let name = "Kampanye Preferensi Mutasi 2026"
    static let pointRules = PointRules(perYearInPost: 5, yearsInPostCap: 10, familyReunion: 100, health: 50)
    static let opensAt = Date(timeIntervalSince1970: 1_759_276_800)       // 2025-10-01T00:00:00Z
    static let closesAt = Date(timeIntervalSince1970: 1_763_164_800)      // 2025-11-15T00:00:00Z
    static let answerDeadline = Date(timeIntervalSince1970: 1_765_756_800) // 2025-12-15T00:00:00Z

    struct UnitInfo { var code: String; var agencyID: UUID; var region: String; var growth: Double; var slotCodes: Set<String> }
    struct Person { var nip: String; var unitCode: String; var slotCode: String }

    /// The forms of `people` (in their given order), drawn from `rng`.
    static func forms(units: [UnitInfo], people: [Person], rng: inout DemoRandom) -> [FormImportRow] {
        let byCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        var rows: [String: FormImportRow] = [:]
        var order: [String] = []
        func add(_ row: FormImportRow) {
            if rows[row.nip] == nil { order.append(row.nip) }
            rows[row.nip] = row
        }
        /// Units of the same agency with the same post, nearest first, leaning towards growth.
        func candidates(for person: Person) -> [String] {
            guard let own = byCode[person.unitCode] else { return [] }
            return units.filter { $0.code != own.code && $0.agencyID == own.agencyID && $0.slotCodes.contains(person.slotCode) }
                .map { unit -> (String, Double) in
                    let distance = unit.region == own.region ? 0.0 : unit.region.prefix(5) == own.region.prefix(5) ? 1.0 : 2.0
                    return (unit.code, distance * 10 + rng.double() * 12 - (unit.growth > 1.05 ? 4 : 0))
                }
                .sorted { $0.1 < $1.1 }.map(\.0)
        }
        func reasons(_ first: String?) -> ([PreferenceForm.Reason], String?) {
            let draw = rng.int(0..<10)
            if draw < 3, let first, let unit = byCode[first] {
                return ([PreferenceForm.Reason(category: .familyReunion,
                                               text: "Suami/istri bertugas di wilayah \(unit.region); ingin berkumpul dengan keluarga.")],
                        unit.region)
            }
            if draw < 5 { return ([PreferenceForm.Reason(category: .career, text: "Ingin mengembangkan karier di unit yang lebih besar.")], nil) }
            return ([], nil)
        }
        var bySlot: [String: [Person]] = [:]
        for person in people { bySlot[person.slotCode, default: []].append(person) }
        for (i, person) in people.enumerated() where rows[person.nip] == nil {
            let draw = i == 0 ? 0 : rng.double()
            if draw < 0.085 {
                var listed = Array(candidates(for: person).prefix(rng.int(2...4)))
                // One in five has a colleague in the same post elsewhere to exchange with.
                if rng.int(0..<5) == 0, let partner = bySlot[person.slotCode]?
                    .filter({ $0.unitCode != person.unitCode && rows[$0.nip] == nil && $0.nip != person.nip
                              && byCode[$0.unitCode]?.agencyID == byCode[person.unitCode]?.agencyID })
                    .min(by: { ($0.unitCode == listed.first ? 0 : 1, $0.nip) < ($1.unitCode == listed.first ? 0 : 1, $1.nip) }) {
                    listed = [partner.unitCode] + listed.filter { $0 != partner.unitCode }.prefix(2)
                    var theirs = candidates(for: partner).filter { $0 != person.unitCode }.prefix(2)
                    theirs.insert(person.unitCode, at: theirs.startIndex)
                    let (why, spouse) = reasons(person.unitCode)
                    add(FormImportRow(nip: partner.nip, wish: .move, unitCodes: Array(theirs), reasons: why, spouseWorkplace: spouse))
                }
                guard !listed.isEmpty else { continue }
                let (why, spouse) = reasons(listed.first)
                add(FormImportRow(nip: person.nip, wish: .move, unitCodes: listed, reasons: why, spouseWorkplace: spouse))
            } else if draw < 0.125 {
                let why = rng.int(0..<2) == 0
                    ? PreferenceForm.Reason(category: .childrenSchool, text: "Anak sedang bersekolah di dekat tempat tugas sekarang.")
                    : PreferenceForm.Reason(category: .health, text: "Menjalani pengobatan rutin di kota ini.")
                add(FormImportRow(nip: person.nip, wish: .stay, unitCodes: [], reasons: [why], spouseWorkplace: nil))
            } else if draw < 0.135 {
                add(FormImportRow(nip: person.nip, wish: .none, unitCodes: [], reasons: [], spouseWorkplace: nil))
            }
        }
        return order.compactMap { rows[$0] }
    }
}

extension DemoSeedService {
    /// Seeds the demo campaign of a tenant with a demo workforce: created, opened, filled and
    /// closed in one go. Idempotent: a tenant that has the campaign is left as it is.
    static func seedCampaign(_ tx: any StoreTransaction, tenant: Tenant, units: [DemoCampaign.UnitInfo],
                             people: [DemoCampaign.Person]) async throws {
        let existing = try await tx.campaigns.list(tenantID: tenant.id, CampaignFilter(), try PageRequest(limit: 200))
        guard !existing.items.contains(where: { $0.name == DemoCampaign.name }) else { return }
        var rng = DemoRandom(seed: tenant.code + "/kampanye")
        let forms = DemoCampaign.forms(units: units, people: people, rng: &rng)
        let actor = Principal.system
        let fields = CampaignFields(name: DemoCampaign.name, opensAt: DemoCampaign.opensAt, closesAt: DemoCampaign.closesAt,
                                    answerDeadline: DemoCampaign.answerDeadline, agencyIDs: [], pointRules: DemoCampaign.pointRules)
        let campaign = try await tx.campaigns.create(tenantID: tenant.id, fields, createdBy: actor.user.id)
        _ = try await tx.campaigns.setState(tenantID: tenant.id, id: campaign.id, .open)
        let stored = try await tx.campaigns.importForms(tenantID: tenant.id, campaignID: campaign.id, forms, filedBy: actor.user.id)
        let closed = try await tx.campaigns.setState(tenantID: tenant.id, id: campaign.id, .closed)
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: "demo.campaign", entityType: "campaign", entityID: closed.id.uuidString.lowercased(), before: nil,
            after: AuditSnapshot.json(["forms": stored])))
    }
}
