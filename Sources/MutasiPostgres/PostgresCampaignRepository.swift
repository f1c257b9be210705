import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresCampaignRepository: CampaignRepository {
    let db: PostgresTransaction

    private static let columns = """
        c.tenant_id, c.id, c.name, c.opens_at, c.closes_at, c.answer_deadline, c.agency_ids, c.state, c.created_by,
        c.created_at, c.opened_at, c.closed_at, c.version, c.point_rules::text
        """

    private func campaign(_ row: PostgresRow) throws -> Campaign {
        let r = row.makeRandomAccess()
        return Campaign(
            tenantID: try r[0].decode(UUID.self), id: try r[1].decode(UUID.self), name: try r[2].decode(String.self),
            opensAt: try r[3].decode(Date.self), closesAt: try r[4].decode(Date.self),
            answerDeadline: try r[5].decode(Date?.self), agencyIDs: try r[6].decode([UUID].self),
            state: Campaign.State(rawValue: try r[7].decode(String.self)) ?? .draft, createdBy: try r[8].decode(UUID.self),
            createdAt: try r[9].decode(Date.self), openedAt: try r[10].decode(Date?.self), closedAt: try r[11].decode(Date?.self),
            version: Int(try r[12].decode(Int32.self)),
            pointRules: try JSONColumn.value(PointRules.self, from: try r[13].decode(String.self)) ?? PointRules())
    }

    func create(tenantID: UUID, _ f: CampaignFields, createdBy: UUID) async throws -> Campaign {
        let rules = try JSONColumn.text(f.pointRules)
        let id = try await db.rows("""
            INSERT INTO campaigns (tenant_id, name, opens_at, closes_at, answer_deadline, agency_ids, created_by, point_rules)
            VALUES (\(tenantID), \(f.name), \(f.opensAt), \(f.closesAt), \(f.answerDeadline), \(f.agencyIDs), \(createdBy),
                    \(rules)::jsonb)
            RETURNING id
            """)[0].decode(UUID.self)
        return try await find(tenantID: tenantID, id: id, lock: false)!
    }

    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> Campaign? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM campaigns c WHERE c.tenant_id = \(tenantID) AND c.id = \(id)
            \(unescaped: lock ? "FOR UPDATE" : "")
            """).first.map(campaign)
    }

    func list(tenantID: UUID, _ f: CampaignFilter, _ page: PageRequest) async throws -> Page<Campaign> {
        let openFor: Bool = f.openFor != nil
        let employeeAgency: UUID? = f.openFor ?? nil
        func query(_ select: String, _ rest: String, _ page: PageRequest? = nil) -> PostgresQuery {
            """
            SELECT \(unescaped: select) FROM campaigns c
            WHERE c.tenant_id = \(tenantID)
              AND (\(f.state?.rawValue)::text IS NULL OR c.state = \(f.state?.rawValue))
              AND (\(f.coveringAgencies)::uuid[] IS NULL OR c.agency_ids = '{}' OR c.agency_ids && \(f.coveringAgencies)::uuid[])
              AND (NOT \(openFor) OR (c.state = 'open'
                   AND (c.agency_ids = '{}' OR \(employeeAgency)::uuid = ANY(c.agency_ids))))
            \(unescaped: rest)
            LIMIT \(page?.limit) OFFSET \(page?.offset)
            """
        }
        let total = try await db.count(query("count(*)", ""))
        let rows = try await db.rows(query(Self.columns, "ORDER BY c.opens_at DESC, c.created_at DESC, c.id", page))
        return Page(items: try rows.map(campaign), total: total, request: page)
    }

    func update(tenantID: UUID, id: UUID, _ f: CampaignFields) async throws -> Campaign {
        let rules = try JSONColumn.text(f.pointRules)
        try await db.rows("""
            UPDATE campaigns SET name = \(f.name), opens_at = \(f.opensAt), closes_at = \(f.closesAt),
                answer_deadline = \(f.answerDeadline), agency_ids = \(f.agencyIDs), point_rules = \(rules)::jsonb, updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await find(tenantID: tenantID, id: id, lock: false)!
    }

    func setState(tenantID: UUID, id: UUID, _ state: Campaign.State) async throws -> Campaign {
        // The time is bound: Citus takes no non-IMMUTABLE function inside CASE.
        let now = Date()
        try await db.rows("""
            UPDATE campaigns SET state = \(state.rawValue),
                opened_at = CASE WHEN \(state.rawValue) = 'open' THEN \(now) ELSE opened_at END,
                closed_at = CASE WHEN \(state.rawValue) = 'closed' THEN \(now) ELSE closed_at END,
                updated_at = \(now), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await find(tenantID: tenantID, id: id, lock: false)!
    }

    func lockOpening(tenantID: UUID) async throws {
        let key = "campaign.open:" + tenantID.uuidString.lowercased()
        try await db.rows("SELECT pg_advisory_xact_lock(hashtext(\(key)))")
    }

    func openCampaigns(tenantID: UUID) async throws -> [Campaign] {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM campaigns c WHERE c.tenant_id = \(tenantID) AND c.state = 'open'
            """).map(campaign)
    }

    func counts(tenantID: UUID) async throws -> CampaignCounts {
        let row = try await db.rows("""
            SELECT count(*) FILTER (WHERE state = 'draft'), count(*) FILTER (WHERE state = 'open'),
                   count(*) FILTER (WHERE state = 'closed'),
                   (SELECT count(*) FROM preference_forms f WHERE f.tenant_id = \(tenantID))
            FROM campaigns WHERE tenant_id = \(tenantID)
            """)[0]
        let (draft, open, closed, forms) = try row.decode((Int64, Int64, Int64, Int64).self)
        return CampaignCounts(draft: Int(draft), open: Int(open), closed: Int(closed), forms: Int(forms))
    }

    func existingAgencies(tenantID: UUID, _ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return Set(try await db.rows("SELECT id FROM agencies WHERE tenant_id = \(tenantID) AND id = ANY(\(ids))")
            .map { try $0.decode(UUID.self) })
    }

    func unitAgencies(tenantID: UUID, _ ids: [UUID]) async throws -> [UUID: UUID] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: UUID] = [:]
        for row in try await db.rows("SELECT id, agency_id FROM units WHERE tenant_id = \(tenantID) AND id = ANY(\(ids))") {
            let (id, agency) = try row.decode((UUID, UUID).self)
            result[id] = agency
        }
        return result
    }

    func unitCodes(tenantID: UUID, _ ids: [UUID]) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: String] = [:]
        for row in try await db.rows("SELECT id, code FROM units WHERE tenant_id = \(tenantID) AND id = ANY(\(ids))") {
            let (id, code) = try row.decode((UUID, String).self)
            result[id] = code
        }
        return result
    }

    // MARK: Forms

    private static let formColumns = """
        f.tenant_id, f.campaign_id, f.employee_id, e.nip, e.name, u.agency_id, f.wish, f.preferences, f.reasons::text,
        f.spouse_workplace, f.request_status, f.filed_at, f.updated_at, f.version
        """
    private static let formJoins = """
        JOIN employees e ON e.tenant_id = f.tenant_id AND e.id = f.employee_id
        LEFT JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
        LEFT JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
        """

    private func formRow(_ row: PostgresRow) throws -> PreferenceForm {
        let r = row.makeRandomAccess()
        return PreferenceForm(
            tenantID: try r[0].decode(UUID.self), campaignID: try r[1].decode(UUID.self), employeeID: try r[2].decode(UUID.self),
            nip: try r[3].decode(String.self), employeeName: try r[4].decode(String.self), agencyID: try r[5].decode(UUID?.self),
            wish: PreferenceForm.Wish(rawValue: try r[6].decode(String.self)) ?? .none,
            preferences: try r[7].decode([UUID].self),
            reasons: try JSONColumn.value([PreferenceForm.Reason].self, from: try r[8].decode(String.self)) ?? [],
            spouseWorkplace: try r[9].decode(String?.self),
            requestStatus: try r[10].decode(String?.self).flatMap(PreferenceForm.RequestStatus.init(rawValue:)),
            filedAt: try r[11].decode(Date.self), updatedAt: try r[12].decode(Date.self), version: Int(try r[13].decode(Int32.self)))
    }

    func form(tenantID: UUID, campaignID: UUID, employeeID: UUID, lock: Bool) async throws -> PreferenceForm? {
        try await db.rows("""
            SELECT \(unescaped: Self.formColumns) FROM preference_forms f \(unescaped: Self.formJoins)
            WHERE f.tenant_id = \(tenantID) AND f.campaign_id = \(campaignID) AND f.employee_id = \(employeeID)
            \(unescaped: lock ? "FOR UPDATE OF f" : "")
            """).first.map(formRow)
    }

    func saveForm(tenantID: UUID, campaignID: UUID, employeeID: UUID, _ c: FormContent,
                  requestStatus: PreferenceForm.RequestStatus?, filedBy: UUID) async throws -> PreferenceForm {
        let reasons = try JSONColumn.text(c.reasons)
        try await db.rows("""
            INSERT INTO preference_forms (tenant_id, campaign_id, employee_id, wish, preferences, reasons, spouse_workplace,
                                          request_status)
            VALUES (\(tenantID), \(campaignID), \(employeeID), \(c.wish.rawValue), \(c.preferences), \(reasons)::jsonb,
                    \(c.spouseWorkplace), \(requestStatus?.rawValue))
            ON CONFLICT (tenant_id, campaign_id, employee_id) DO UPDATE SET
                wish = EXCLUDED.wish, preferences = EXCLUDED.preferences, reasons = EXCLUDED.reasons,
                spouse_workplace = EXCLUDED.spouse_workplace, request_status = EXCLUDED.request_status,
                updated_at = now(), version = preference_forms.version + 1
            """)
        try await db.rows("""
            INSERT INTO preference_form_versions (tenant_id, campaign_id, employee_id, version, wish, preferences, reasons,
                                                  spouse_workplace, filed_by)
            SELECT tenant_id, campaign_id, employee_id, version, wish, preferences, reasons, spouse_workplace, \(filedBy)
            FROM preference_forms
            WHERE tenant_id = \(tenantID) AND campaign_id = \(campaignID) AND employee_id = \(employeeID)
            """)
        return try await form(tenantID: tenantID, campaignID: campaignID, employeeID: employeeID, lock: false)!
    }

    func forms(tenantID: UUID, campaignID: UUID, agencyIDs: [UUID]?, _ filter: FormFilter,
               _ page: PageRequest) async throws -> Page<PreferenceForm> {
        func query(_ select: String, _ rest: String, _ page: PageRequest? = nil) -> PostgresQuery {
            """
            SELECT \(unescaped: select) FROM preference_forms f \(unescaped: Self.formJoins)
            WHERE f.tenant_id = \(tenantID) AND f.campaign_id = \(campaignID)
              AND (\(agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(agencyIDs)::uuid[]))
              AND (\(filter.wish?.rawValue)::text IS NULL OR f.wish = \(filter.wish?.rawValue))
              AND (\(filter.agencyID)::uuid IS NULL OR u.agency_id = \(filter.agencyID))
            \(unescaped: rest)
            LIMIT \(page?.limit) OFFSET \(page?.offset)
            """
        }
        let total = try await db.count(query("count(*)", ""))
        let rows = try await db.rows(query(Self.formColumns, "ORDER BY e.nip", page))
        return Page(items: try rows.map(formRow), total: total, request: page)
    }

    func importForms(tenantID: UUID, campaignID: UUID, _ rows: [FormImportRow], filedBy: UUID) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let json = try JSONColumn.text(rows)
        let inserted = try await db.rows("""
            INSERT INTO preference_forms (tenant_id, campaign_id, employee_id, wish, preferences, reasons, spouse_workplace,
                                          request_status)
            SELECT \(tenantID), \(campaignID), e.id, x.wish,
                   ARRAY(SELECT u.id FROM unnest(x."unitCodes") WITH ORDINALITY AS c(code, n)
                         JOIN units u ON u.tenant_id = \(tenantID) AND u.code = c.code ORDER BY c.n),
                   x.reasons, x."spouseWorkplace", CASE WHEN x.wish = 'move' THEN 'filed' END
            FROM jsonb_to_recordset(\(json)::jsonb)
                 AS x(nip text, wish text, "unitCodes" text[], reasons jsonb, "spouseWorkplace" text)
            JOIN employees e ON e.tenant_id = \(tenantID) AND e.nip = x.nip
            ON CONFLICT (tenant_id, campaign_id, employee_id) DO NOTHING
            RETURNING employee_id
            """)
        try await db.rows("""
            INSERT INTO preference_form_versions (tenant_id, campaign_id, employee_id, version, wish, preferences, reasons,
                                                  spouse_workplace, filed_by, filed_at)
            SELECT f.tenant_id, f.campaign_id, f.employee_id, f.version, f.wish, f.preferences, f.reasons, f.spouse_workplace,
                   \(filedBy), f.filed_at
            FROM preference_forms f
            WHERE f.tenant_id = \(tenantID) AND f.campaign_id = \(campaignID)
            ON CONFLICT DO NOTHING
            """)
        return inserted.count
    }

    func formVersions(tenantID: UUID, campaignID: UUID, employeeID: UUID,
                      _ page: PageRequest) async throws -> Page<PreferenceFormVersion> {
        let total = try await db.count("""
            SELECT count(*) FROM preference_form_versions
            WHERE tenant_id = \(tenantID) AND campaign_id = \(campaignID) AND employee_id = \(employeeID)
            """)
        let rows = try await db.rows("""
            SELECT version, wish, preferences, reasons::text, spouse_workplace, filed_by, filed_at
            FROM preference_form_versions
            WHERE tenant_id = \(tenantID) AND campaign_id = \(campaignID) AND employee_id = \(employeeID)
            ORDER BY version DESC LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        let items = try rows.map { row -> PreferenceFormVersion in
            let r = row.makeRandomAccess()
            return PreferenceFormVersion(
                version: Int(try r[0].decode(Int32.self)), wish: PreferenceForm.Wish(rawValue: try r[1].decode(String.self)) ?? .none,
                preferences: try r[2].decode([UUID].self),
                reasons: try JSONColumn.value([PreferenceForm.Reason].self, from: try r[3].decode(String.self)) ?? [],
                spouseWorkplace: try r[4].decode(String?.self), filedBy: try r[5].decode(UUID.self), filedAt: try r[6].decode(Date.self))
        }
        return Page(items: items, total: total, request: page)
    }

    func allForms(tenantID: UUID, campaignID: UUID) async throws -> [PreferenceForm] {
        try await db.rows("""
            SELECT \(unescaped: Self.formColumns) FROM preference_forms f \(unescaped: Self.formJoins)
            WHERE f.tenant_id = \(tenantID) AND f.campaign_id = \(campaignID) ORDER BY e.nip
            """).map(formRow)
    }

    // MARK: Points

    func pointSubjects(tenantID: UUID, campaign: Campaign, agencyIDs: [UUID]?, employeeID: UUID?,
                       _ page: PageRequest) async throws -> Page<PointsSubject> {
        let covered: [UUID]? = campaign.coversWholeTenant ? nil : campaign.agencyIDs
        func query(_ select: String, _ rest: String, _ page: PageRequest? = nil) -> PostgresQuery {
            """
            SELECT \(unescaped: select) FROM employees e
            LEFT JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
            LEFT JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
            LEFT JOIN preference_forms f ON f.tenant_id = e.tenant_id AND f.campaign_id = \(campaign.id) AND f.employee_id = e.id
            CROSS JOIN (SELECT \(campaign.id)::uuid AS id) cmp
            WHERE e.tenant_id = \(tenantID)
              AND (\(covered)::uuid[] IS NULL OR u.agency_id = ANY(\(covered)::uuid[]))
              AND (\(agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(agencyIDs)::uuid[]))
              AND (\(employeeID)::uuid IS NULL OR e.id = \(employeeID))
            \(unescaped: rest)
            LIMIT \(page?.limit) OFFSET \(page?.offset)
            """
        }
        let total = try await db.count(query("count(*)", ""))
        let select = "e.id, e.nip, e.name, u.agency_id, to_char(e.slot_since, 'YYYY-MM-DD'), f.reasons::text, "
            + PointFactsSQL.remoteUnits + ", " + PointFactsSQL.adjustments
        let rows = try await db.rows(query(select, "ORDER BY e.nip", page))
        let items = try rows.map { row -> PointsSubject in
            let r = row.makeRandomAccess()
            let reasons = try JSONColumn.value([PreferenceForm.Reason].self, from: try r[5].decode(String?.self)) ?? []
            return PointsSubject(
                employeeID: try r[0].decode(UUID.self), nip: try r[1].decode(String.self), name: try r[2].decode(String.self),
                agencyID: try r[3].decode(UUID?.self), slotSince: try r[4].decode(String?.self).map { try CalendarDate(iso: $0) },
                reasons: reasons.map(\.category), remoteUnits: try r[6].decode([String].self),
                adjustments: try PointFactsSQL.decodeAdjustments(try r[7].decode(String?.self)))
        }
        return Page(items: items, total: total, request: page)
    }
}
