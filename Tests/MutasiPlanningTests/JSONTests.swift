import Foundation
import Testing
import MutasiPlanning

/// The instance and plan files of planning.md: defaults, round trips, and the refusal of bad
/// input with the record and field at fault.
struct JSONTests {
    func decode(_ text: String) throws -> PlanningInstance {
        try InstanceDecoder.decode(Array(text.utf8))
    }

    /// The error that reading and validating `text` gives.
    func refusal(_ text: String) -> PlanningInputError? {
        do {
            try decode(text).validate()
            return nil
        } catch let error as PlanningInputError {
            return error
        } catch {
            return nil
        }
    }

    let minimal = """
        {"slots": [{"id": "S1", "unit": "U1", "region": "53.71", "need": 2, "minGrade": 9, "maxGrade": 12}],
         "employees": [{"id": "E1", "slot": "S1", "grade": 10, "educationField": "hukum", "performance": 4,
                        "monthsInPosition": 30, "monthsToRetirement": 100}]}
        """

    @Test func optionalFieldsTakeTheirDefaults() throws {
        let instance = try decode(minimal)
        #expect(instance.policy == PlanningInstance.Policy(
            horizonMonths: 12, minMonthsInPosition: 24, minPerformance: 4, maxTrainableGap: 2, scope: .province,
            mode: .balance, fitWeight: 3, wishBonus: 200, wishStep: 30, compulsoryCost: 300, stayCost: 200,
            ignoredWishCost: 150))
        #expect(instance.slots == [PlanningInstance.Slot(id: "S1", unit: "U1", region: "53.71", need: 2,
                                                         minGrade: 9, maxGrade: 12)])
        let e = try #require(instance.employees.first)
        #expect(e.competencies.isEmpty && e.preferences.isEmpty && e.wish == .none && e.priority == 0 && !e.locked)
        let partial = try decode(#"{"policy": {"scope": "any", "maxTrainableGap": 0, "mode": "voluntary", "stayCost": 7}, "slots": [], "employees": []}"#)
        #expect(partial.policy == PlanningInstance.Policy(maxTrainableGap: 0, scope: .any, mode: .voluntary, stayCost: 7))
    }

    @Test func theExampleOfPlanningMd() throws {
        let text = """
            {
              "policy": {"horizonMonths": 12, "minMonthsInPosition": 24, "minPerformance": 4,
                         "maxTrainableGap": 2, "scope": "province", "mode": "balance", "fitWeight": 3,
                         "wishBonus": 200, "wishStep": 30, "compulsoryCost": 300, "stayCost": 200,
                         "ignoredWishCost": 150},
              "slots": [{"id": "S1", "unit": "U1", "region": "53.71", "need": 4, "minGrade": 9,
                         "maxGrade": 12, "educationFields": ["kesehatan"],
                         "competencies": [{"code": "EPI", "level": 3}]}],
              "employees": [{"id": "198501012010011001", "slot": "S1", "grade": 10,
                             "educationField": "kesehatan", "competencies": {"EPI": 2}, "performance": 5,
                             "monthsInPosition": 36, "monthsToRetirement": 120, "wish": "move",
                             "priority": 40, "locked": false, "preferences": ["U3", "U7"]}]
            }
            """
        let instance = try decode(text)
        try instance.validate()
        #expect(instance.slots[0].competencies == [PlanningInstance.Requirement(code: "EPI", level: 3)])
        #expect(instance.employees[0].competencies == ["EPI": 2])
        #expect(instance.employees[0].preferences == ["U3", "U7"])
        #expect(instance.employees[0].wish == .move && instance.employees[0].priority == 40)
        #expect(instance.policy == PlanningInstance.Policy())
    }

    @Test func unicodeIdsAndEscapes() throws {
        let instance = try decode(#"""
            {"slots": [{"id": "Puskesmas Oesapa \u2013 Bidan \"A\"", "unit": "ünit/1", "region": "53.71",
                        "need": 1, "minGrade": 1, "maxGrade": 17}],
             "employees": [{"id": "😀\ud83d\ude00", "slot": "Puskesmas Oesapa – Bidan \"A\"", "grade": 1,
                            "educationField": "", "performance": 1, "monthsInPosition": 0,
                            "monthsToRetirement": 0}]}
            """#)
        try instance.validate()
        #expect(instance.employees[0].id == "😀😀")
        #expect(instance.slots[0].unit == "ünit/1")
        #expect(try InstanceDecoder.decode(InstanceEncoder.encode(instance)) == instance)
        // Canonically equivalent ids are different ids: no duplicate, and each keeps its bytes.
        let twins = try decode(#"""
            {"slots": [{"id": "café", "unit": "u", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 17},
                       {"id": "café", "unit": "u", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 17}],
             "employees": [{"id": "Å", "slot": "café", "grade": 1, "educationField": "", "performance": 1,
                            "monthsInPosition": 0, "monthsToRetirement": 0},
                           {"id": "Å", "slot": "café", "grade": 1, "educationField": "", "performance": 1,
                            "monthsInPosition": 0, "monthsToRetirement": 0}]}
            """#)
        try twins.validate()
        let encoded = String(decoding: InstanceEncoder.encode(twins), as: UTF8.self)
        #expect(encoded.utf8.elementsEqual(String(decoding: InstanceEncoder.encode(try InstanceDecoder.decode(Array(encoded.utf8))), as: UTF8.self).utf8))
        #expect(Array(twins.employees[1].slot.unicodeScalars) == Array("caf\u{E9}".unicodeScalars))
    }

    @Test func instanceRoundTrip() throws {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<20 {
            let instance = RandomInstances.make(&rng, slots: 10, employees: 40)
            #expect(try InstanceDecoder.decode(InstanceEncoder.encode(instance)) == instance)
        }
    }

    @Test func planJSONCarriesEveryFigure() async throws {
        var rng = SeededGenerator(seed: 11)
        let instance = RandomInstances.make(&rng, slots: 30, employees: 200)
        let plan = try await solve(instance)
        #expect(!plan.moves.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(PlanEncoder.encode(plan))) as? [String: Any])
        #expect(Set(json.keys) == ["objective", "moves", "before", "after", "voice"])
        #expect(json["objective"] as? Int == plan.objective)
        let moves = try #require(json["moves"] as? [[String: Any]])
        #expect(moves.count == plan.moves.count)
        for (object, move) in zip(moves, plan.moves) {
            #expect(Set(object.keys) == ["employee", "from", "to", "kind", "wishRank", "cost", "fit", "distance",
                                         "grant", "burden", "trainingNeeds"])
            #expect(object["employee"] as? String == move.employee && object["from"] as? String == move.from
                && object["to"] as? String == move.to && object["cost"] as? Int == move.cost
                && object["fit"] as? Int == move.fit && object["distance"] as? Int == move.distance
                && object["grant"] as? Int == move.grant && object["burden"] as? Int == move.burden
                && object["kind"] as? String == move.kind.rawValue)
            if let rank = move.wishRank {
                #expect(object["wishRank"] as? Int == rank)
            } else {
                #expect(object["wishRank"] is NSNull)
            }
            let needs = try #require(object["trainingNeeds"] as? [[String: Any]])
            #expect(needs.map { Plan.TrainingNeed(code: $0["code"] as! String, gap: $0["gap"] as! Int) } == move.trainingNeeds)
        }
        for (name, balance) in [("before", plan.before), ("after", plan.after)] {
            let object = try #require(json[name] as? [String: Any])
            #expect(object["need"] as? Int == balance.need && object["deficit"] as? Int == balance.deficit
                && object["surplus"] as? Int == balance.surplus)
            // Foundation's reader on Linux may be off in the last bit; the text itself is exact.
            #expect(abs(((object["imbalance"] as? NSNumber)?.doubleValue ?? -1) - balance.imbalance) < 1e-12)
        }
        let voice = try #require(json["voice"] as? [String: Int])
        let v = plan.voice
        #expect(voice == ["volunteers": v.volunteers, "volunteersMoved": v.volunteersMoved, "movesOnWish": v.movesOnWish,
                          "compulsoryMoves": v.compulsoryMoves, "compulsoryAgainstWish": v.compulsoryAgainstWish,
                          "stayOverridden": v.stayOverridden, "exchanges": v.exchanges])
        #expect(plan.moves.contains { $0.wishRank == nil } && plan.moves.contains { $0.wishRank != nil })
    }

    @Test func imbalanceIsAPlainNumber() {
        let move = Plan.Move(employee: "E", from: "A", to: "B", kind: .compulsory, wishRank: nil, cost: 450, fit: 100,
                             distance: 0, grant: 0, burden: 450, trainingNeeds: [Plan.TrainingNeed(code: "EPI", gap: 1)])
        let plan = Plan(objective: -5, moves: [move], before: Plan.Balance(need: 3, deficit: 1, surplus: 0),
                        after: Plan.Balance(need: 0, deficit: 0, surplus: 0),
                        voice: Plan.Voice(volunteers: 1, compulsoryMoves: 1, compulsoryAgainstWish: 1))
        let text = String(decoding: PlanEncoder.encode(plan), as: UTF8.self)
        #expect(text == #"{"objective":-5,"moves":[{"employee":"E","from":"A","to":"B","kind":"compulsory","wishRank":null,"cost":450,"fit":100,"distance":0,"grant":0,"burden":450,"trainingNeeds":[{"code":"EPI","gap":1}]}],"before":{"need":3,"deficit":1,"surplus":0,"imbalance":0.3333333333333333},"after":{"need":0,"deficit":0,"surplus":0,"imbalance":0},"voice":{"volunteers":1,"volunteersMoved":0,"movesOnWish":0,"compulsoryMoves":1,"compulsoryAgainstWish":1,"stayOverridden":0,"exchanges":0}}"# + "\n")
    }

    /// Each kind of bad input, with the code, record and field the message must name.
    @Test(arguments: [
        (#""slots": [{"id": "S1", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 2}, {"id": "S1", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 2}], "employees": []"#,
         "instance.duplicate_id", #"slots[1] "S1""#, "id"),
        (#""slots": [], "employees": [{"id": "E", "slot": "nowhere", "grade": 1, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0}]"#,
         "instance.unknown_slot", #"employees[0] "E""#, "slot"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E")), \#(okEmployee("E"))]"#,
         "instance.duplicate_id", #"employees[1] "E""#, "id"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", grade: 18))]"#,
         "instance.grade_out_of_range", #"employees[0] "E""#, "grade"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", grade: 0))]"#,
         "instance.grade_out_of_range", #"employees[0] "E""#, "grade"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": 1, "minGrade": 0, "maxGrade": 2}], "employees": []"#,
         "instance.grade_out_of_range", #"slots[0] "S""#, "minGrade"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 18}], "employees": []"#,
         "instance.grade_out_of_range", #"slots[0] "S""#, "maxGrade"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", performance: 6))]"#,
         "instance.performance_out_of_range", #"employees[0] "E""#, "performance"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", performance: 0))]"#,
         "instance.performance_out_of_range", #"employees[0] "E""#, "performance"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": -1, "minGrade": 1, "maxGrade": 2}], "employees": []"#,
         "instance.out_of_range", #"slots[0] "S""#, "need"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": 100001, "minGrade": 1, "maxGrade": 2}], "employees": []"#,
         "instance.out_of_range", #"slots[0] "S""#, "need"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", months: -1))]"#,
         "instance.out_of_range", #"employees[0] "E""#, "monthsInPosition"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", months: 1201))]"#,
         "instance.out_of_range", #"employees[0] "E""#, "monthsInPosition"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", retire: -3))]"#,
         "instance.out_of_range", #"employees[0] "E""#, "monthsToRetirement"),
        (#""policy": {"horizonMonths": -1}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "horizonMonths"),
        (#""policy": {"minMonthsInPosition": 1201}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "minMonthsInPosition"),
        (#""policy": {"minPerformance": 0}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "minPerformance"),
        (#""policy": {"minPerformance": 6}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "minPerformance"),
        (#""policy": {"maxTrainableGap": 21}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "maxTrainableGap"),
        (#""policy": {"fitWeight": 100001}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "fitWeight"),
        (#""policy": {"wishBonus": -1}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "wishBonus"),
        (#""policy": {"wishStep": -1}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "wishStep"),
        (#""policy": {"compulsoryCost": 100001}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "compulsoryCost"),
        (#""policy": {"stayCost": -5}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "stayCost"),
        (#""policy": {"ignoredWishCost": 100001}, "slots": [], "employees": []"#,
         "instance.out_of_range", "policy", "ignoredWishCost"),
        (#""policy": {"mode": "forced"}, "slots": [], "employees": []"#,
         "instance.unknown_mode", "policy", "mode"),
        (#""policy": {"weight": 1}, "slots": [], "employees": []"#,
         "instance.unknown_field", "policy", "weight"),
        (#""policy": null, "slots": [], "employees": []"#,
         "json.wrong_type", "document", "policy"),
        (#""policy": {"scope": null}, "slots": [], "employees": []"#,
         "json.wrong_type", "policy", "scope"),
        (#""slots": [], "employees": [], "version": 2"#,
         "instance.unknown_field", "document", "version"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 2, "name": "x"}], "employees": []"#,
         "instance.unknown_field", #"slots[0] "S""#, "name"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 2, "competencies": [{"code": "A", "level": 1, "weight": 2}]}], "employees": []"#,
         "instance.unknown_field", #"slots[0] "S""#, "competencies[0].weight"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 2, "educationFields": null}], "employees": []"#,
         "json.wrong_type", #"slots[0] "S""#, "educationFields"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "requested": true}]"#,
         "instance.unknown_field", #"employees[0] "E""#, "requested"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "wish": "leave"}]"#,
         "instance.unknown_wish", #"employees[0] "E""#, "wish"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "wish": null}]"#,
         "json.wrong_type", #"employees[0] "E""#, "wish"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "locked": null}]"#,
         "json.wrong_type", #"employees[0] "E""#, "locked"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "priority": 501}]"#,
         "instance.out_of_range", #"employees[0] "E""#, "priority"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "priority": -1}]"#,
         "instance.out_of_range", #"employees[0] "E""#, "priority"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 9.0, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0}]"#,
         "json.wrong_type", #"employees[0] "E""#, "grade"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "competencies": {"EPI": 6}}]"#,
         "instance.level_out_of_range", #"employees[0] "E""#, "competencies.EPI"),
        (#""slots": [\#(okSlot)], "employees": [\#(okEmployee("E", preferences: #"["a","b","c","d","e","f"]"#))]"#,
         "instance.too_many_preferences", #"employees[0] "E""#, "preferences"),
        (#""policy": {"scope": "nation"}, "slots": [], "employees": []"#,
         "instance.unknown_scope", "policy", "scope"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": "10", "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0}]"#,
         "json.wrong_type", #"employees[0] "E""#, "grade"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10.5, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0}]"#,
         "json.wrong_type", #"employees[0] "E""#, "grade"),
        (#""slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0}]"#,
         "instance.missing_field", #"employees[0] "E""#, "educationField"),
        (#""slots": [{"id": "S", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 2, "competencies": [{"code": "EPI", "level": 6}]}], "employees": []"#,
         "instance.level_out_of_range", #"slots[0] "S""#, "competencies[0].level"),
        (#""slots": [{"id": "", "unit": "U", "region": "1", "need": 1, "minGrade": 1, "maxGrade": 2}], "employees": []"#,
         "instance.empty_id", "slots[0]", "id"),
        (#""slots": {}, "employees": []"#, "json.wrong_type", "document", "slots"),
        (#""employees": []"#, "instance.missing_field", "document", "slots"),
    ])
    func badInputIsRefused(body: String, code: String, record: String, field: String) throws {
        let error = try #require(refusal("{" + body + "}"))
        #expect(error.code == code)
        #expect(error.record == record)
        #expect(error.field == field)
        #expect(error.message.contains(record) && error.message.contains(field))
    }

    @Test func versionOneFilesArePointedToWish() throws {
        let error = try #require(refusal(#"{"slots": [\#(okSlot)], "employees": [{"id": "E", "slot": "S", "grade": 10, "educationField": "x", "performance": 1, "monthsInPosition": 0, "monthsToRetirement": 0, "requested": false}]}"#))
        #expect(error.code == "instance.unknown_field")
        #expect(error.message.contains("\"wish\""))
        // A version 1 plan field is refused in the policy just the same.
        #expect(refusal(#"{"policy": {"preferenceWeight": 1}, "slots": [], "employees": []}"#)?.field == "preferenceWeight")
    }

    @Test func malformedJSONGivesItsPosition() throws {
        let cases: [(String, String)] = [
            ("{\"slots\": [}", "line 1, column 12"),
            ("{\n  \"slots\": [],\n  \"employees\": [\n    {\"id\": tru}\n  ]\n}", "line 4, column 12"),
            ("{\"slots\": [], \"employees\": []} x", "line 1, column 32"),
            ("{\"slots\": [\"abc", "line 1, column 12"),
            ("{\"slots\": [], \"employees\": [\"\\q\"]}", "line 1, column 30"),
            ("{\"slots\": 01}", "line 1, column 11"),
            ("", "line 1, column 1"),
            ("{\"ü\": [}", "line 1, column 8"),
        ]
        for (text, position) in cases {
            let error = try #require(refusal(text), "\(text)")
            #expect(error.code == "json.malformed", "\(text)")
            #expect(error.message.contains(position), "\(text): \(error.message)")
        }
    }
}

let okSlot = #"{"id": "S", "unit": "U", "region": "53.71", "need": 1, "minGrade": 1, "maxGrade": 17}"#

func okEmployee(
    _ id: String, grade: Int = 10, performance: Int = 4, months: Int = 30, retire: Int = 100,
    preferences: String = "[]"
) -> String {
    #"{"id": "\#(id)", "slot": "S", "grade": \#(grade), "educationField": "x", "performance": \#(performance), "# +
        #""monthsInPosition": \#(months), "monthsToRetirement": \#(retire), "preferences": \#(preferences)}"#
}
