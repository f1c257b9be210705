/// Writes an instance in the JSON format of planning.md, every field explicit, so that the
/// server can hand a run to the offline solver and a file reads back to the same instance.
public enum InstanceEncoder {
    public static func encode(_ instance: PlanningInstance) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("policy")
        w.beginObject()
        w.member("horizonMonths", instance.policy.horizonMonths)
        w.member("minMonthsInPosition", instance.policy.minMonthsInPosition)
        w.member("minPerformance", instance.policy.minPerformance)
        w.member("maxTrainableGap", instance.policy.maxTrainableGap)
        w.member("scope", instance.policy.scope.rawValue)
        w.member("mode", instance.policy.mode.rawValue)
        w.member("fitWeight", instance.policy.fitWeight)
        w.member("wishBonus", instance.policy.wishBonus)
        w.member("wishStep", instance.policy.wishStep)
        w.member("compulsoryCost", instance.policy.compulsoryCost)
        w.member("stayCost", instance.policy.stayCost)
        w.member("ignoredWishCost", instance.policy.ignoredWishCost)
        w.endObject()
        w.key("slots")
        w.beginArray()
        for slot in instance.slots {
            w.beginObject()
            w.member("id", slot.id)
            w.member("unit", slot.unit)
            w.member("region", slot.region)
            w.member("need", slot.need)
            w.member("minGrade", slot.minGrade)
            w.member("maxGrade", slot.maxGrade)
            w.key("educationFields")
            w.beginArray()
            slot.educationFields.forEach { w.value($0) }
            w.endArray()
            w.key("competencies")
            w.beginArray()
            for requirement in slot.competencies {
                w.beginObject()
                w.member("code", requirement.code)
                w.member("level", requirement.level)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("employees")
        w.beginArray()
        for e in instance.employees {
            w.beginObject()
            w.member("id", e.id)
            w.member("slot", e.slot)
            w.member("grade", e.grade)
            w.member("educationField", e.educationField)
            w.key("competencies")
            w.beginObject()
            for code in e.competencies.keys.sorted() { w.member(code, e.competencies[code]!) }
            w.endObject()
            w.member("performance", e.performance)
            w.member("monthsInPosition", e.monthsInPosition)
            w.member("monthsToRetirement", e.monthsToRetirement)
            w.member("wish", e.wish.rawValue)
            w.member("priority", e.priority)
            w.member("locked", e.locked)
            w.key("preferences")
            w.beginArray()
            e.preferences.forEach { w.value($0) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.newline()
        return w.bytes
    }
}
