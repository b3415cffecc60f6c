import ServerlessComposition

/// `render --xrd`: what the API server does to an XR before Crossplane sees it, from the XRD's
/// OpenAPI v3 schema. Defaults are applied as Kubernetes' structural defaulting applies them
/// (apiextensions-apiserver `pkg/apiserver/schema/defaulting`: a property's default where the key is
/// absent or null and not nullable, then the same inside every value, defaults included), as
/// `crossplane render --xrd` does (crossplane/cli `ApplyXRDDefaults`). Then the XR is checked against
/// the schema as the API server checks it on create, which `crossplane render` does not do: types,
/// required fields, enums, bounds, lengths, patterns, item counts and unknown fields. CEL rules
/// (`x-kubernetes-validations`) are not evaluated, and patterns are Swift regular expressions, which
/// read a few classes wider than the API server's RE2 (`\d` matches any digit, not only ASCII).
/// `spec.crossplane` is Crossplane's own (it adds it to the XR's CRD), so it is neither defaulted
/// nor checked.
struct XRDSchema {
  let schema: Value

  /// The schema of the XRD version the XR is written in; an error names what the XRD serves.
  init(xrd: Value, xr: Value) throws(Renderer.Fatal) {
    let group = xrd.lookup("spec.group")?.stringValue ?? ""
    let kind = xrd.lookup("spec.names.kind")?.stringValue ?? ""
    let apiVersion = xr["apiVersion"]?.stringValue ?? ""
    let versions = xrd.lookup("spec.versions")?.arrayValue ?? []
    let served = versions.compactMap { version in version["name"]?.stringValue.map { "\(group)/\($0)" } }
    guard xr["kind"]?.stringValue == kind,
      let version = versions.first(where: { "\(group)/\($0["name"]?.stringValue ?? "")" == apiVersion }),
      let schema = version.lookup("schema.openAPIV3Schema")
    else {
      throw Renderer.Fatal(
        description: "the XRD defines kind \(UserError.quoted(kind)) in \(served.joined(separator: ", ")), not the XR's kind "
          + "\(UserError.quoted(xr["kind"]?.stringValue ?? "")) in \(UserError.quoted(apiVersion))")
    }
    self.schema = schema
  }

  /// The XR with the schema's defaults applied to its spec, after dropping the nulls the API server
  /// drops (of fields neither nullable nor defaulted: `PruneNonNullableNullsWithoutDefaults`).
  func defaulted(_ xr: Value) -> Value {
    var xr = xr
    guard let spec = schema.lookup("properties.spec") else { return xr }
    xr["spec"] = Self.defaulted(Self.prunedNulls(xr["spec"] ?? .object([:]), spec, path: "spec"), spec, path: "spec")
    return xr
  }

  /// A null the schema neither allows nor defaults, which the API server treats as absent.
  static func isNonNullableNull(_ value: Value, _ schema: Value) -> Bool {
    value == .null && schema["nullable"]?.boolValue != true
  }

  /// The schema of an object's member `key`: its property, else `additionalProperties` when a schema.
  static func memberSchema(_ schema: Value, _ key: String) -> Value? {
    schema["properties"]?[key] ?? schema["additionalProperties"].flatMap { $0.objectValue == nil ? nil : $0 }
  }

  static func prunedNulls(_ value: Value, _ schema: Value, path: String) -> Value {
    switch value {
    case .object(var members):
      for (key, member) in members where !(path == "spec" && key == "crossplane") {
        guard let property = memberSchema(schema, key) else { continue }
        if isNonNullableNull(member, property) && property["default"] == nil {
          members[key] = nil
        } else {
          members[key] = prunedNulls(member, property, path: "\(path).\(key)")
        }
      }
      return .object(members)
    case .array(let items):
      guard let item = schema["items"] else { return value }
      return .array(items.enumerated().map { prunedNulls($1, item, path: "\(path)[\($0)]") })
    default:
      return value
    }
  }

  /// Kubernetes' structural defaulting (`defaulting/algorithm.go`, `Default`).
  static func defaulted(_ value: Value, _ schema: Value, path: String) -> Value {
    switch value {
    case .object(var members):
      let properties = schema["properties"]?.objectValue ?? [:]
      for (key, property) in properties where !(path == "spec" && key == "crossplane") {
        if let fallback = property["default"], members[key].map({ isNonNullableNull($0, property) }) ?? true {
          members[key] = fallback
        }
      }
      for (key, member) in members where !(path == "spec" && key == "crossplane") {
        guard let property = memberSchema(schema, key) else { continue }
        if properties[key] == nil, isNonNullableNull(member, property), let fallback = property["default"] {
          members[key] = fallback
        } else {
          members[key] = defaulted(member, property, path: "\(path).\(key)")
        }
      }
      return .object(members)
    case .array(let items):
      guard let item = schema["items"] else { return value }
      return .array(
        items.enumerated().map { index, element in
          if isNonNullableNull(element, item), let fallback = item["default"] { return fallback }
          return defaulted(element, item, path: "\(path)[\(index)]")
        })
    default:
      return value
    }
  }

  /// Every way the XR's spec breaks the schema, each naming its field.
  func problems(_ xr: Value) -> [String] {
    guard let spec = schema.lookup("properties.spec") else { return [] }
    var problems: [String] = []
    Self.check(xr["spec"] ?? .object([:]), spec, path: "spec", into: &problems)
    return problems
  }

  static func check(_ value: Value, _ schema: Value, path: String, into problems: inout [String]) {
    if value == .null {
      if schema["nullable"]?.boolValue != true { problems.append("\(path): must not be null") }
      return
    }
    let intOrString = schema["x-kubernetes-int-or-string"]?.boolValue == true
    if let type = schema["type"]?.stringValue, !intOrString, !has(value, type: type) {
      problems.append("\(path): expected \(type), got \(UserError.describe(value))")
      return
    }
    if intOrString, !has(value, type: "integer"), !has(value, type: "string") {
      problems.append("\(path): expected an integer or a string, got \(UserError.describe(value))")
      return
    }
    if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
      let listed = allowed.map { $0.stringValue.map { UserError.quoted($0) } ?? UserError.describe($0) }
      problems.append("\(path): expected one of \(listed.joined(separator: ", ")), got \(UserError.describe(value))")
    }
    switch value {
    case .number(let number):
      // OpenAPI v3.0: exclusiveMinimum and exclusiveMaximum are booleans on minimum and maximum.
      if let minimum = schema["minimum"]?.numberValue {
        let exclusive = schema["exclusiveMinimum"]?.boolValue == true
        if exclusive ? number <= minimum : number < minimum {
          problems.append("\(path): expected \(exclusive ? "more than" : "at least") \(describe(minimum)), got \(describe(number))")
        }
      }
      if let maximum = schema["maximum"]?.numberValue {
        let exclusive = schema["exclusiveMaximum"]?.boolValue == true
        if exclusive ? number >= maximum : number > maximum {
          problems.append("\(path): expected \(exclusive ? "less than" : "at most") \(describe(maximum)), got \(describe(number))")
        }
      }
      if let multipleOf = schema["multipleOf"]?.numberValue, multipleOf > 0,
        (number / multipleOf).rounded() != number / multipleOf
      {
        problems.append("\(path): expected a multiple of \(describe(multipleOf)), got \(describe(number))")
      }
    case .string(let string):
      // Kubernetes counts characters as Unicode code points.
      let length = Double(string.unicodeScalars.count)
      if let minLength = schema["minLength"]?.numberValue, length < minLength {
        problems.append("\(path): expected at least \(describe(minLength)) characters, got \(UserError.quoted(string))")
      }
      if let maxLength = schema["maxLength"]?.numberValue, length > maxLength {
        problems.append("\(path): expected at most \(describe(maxLength)) characters, got \(string.unicodeScalars.count)")
      }
      if let pattern = schema["pattern"]?.stringValue, let regex = try? Regex(pattern), (try? regex.firstMatch(in: string)) == nil {
        problems.append("\(path): expected a value matching \(pattern), got \(UserError.quoted(string))")
      }
    case .array(let items):
      if let maxItems = schema["maxItems"]?.numberValue, Double(items.count) > maxItems {
        problems.append("\(path): expected at most \(describe(maxItems)) items, got \(items.count)")
      }
      if let minItems = schema["minItems"]?.numberValue, Double(items.count) < minItems {
        problems.append("\(path): expected at least \(describe(minItems)) items, got \(items.count)")
      }
      if schema["uniqueItems"]?.boolValue == true,
        let repeated = items.enumerated().first(where: { items[..<$0.offset].contains($0.element) })
      {
        problems.append("\(path)[\(repeated.offset)]: repeats an earlier item (the items must be unique)")
      }
      if let item = schema["items"] {
        for (index, element) in items.enumerated() { check(element, item, path: "\(path)[\(index)]", into: &problems) }
      }
    case .object(let members):
      let properties = schema["properties"]?.objectValue ?? [:]
      for key in (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[key] == nil {
        problems.append("\(path).\(key): required")
      }
      let preservesUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
      let additional = schema["additionalProperties"].flatMap { $0.objectValue == nil ? nil : $0 }
      for key in members.keys.sorted() where !(path == "spec" && key == "crossplane") {
        let member = members[key] ?? .null
        if let property = properties[key] ?? additional {
          check(member, property, path: "\(path).\(key)", into: &problems)
        } else if !preservesUnknown && schema["additionalProperties"]?.boolValue != true {
          problems.append("\(path).\(key): unknown field (the XRD's schema has no such field)")
        }
      }
    default:
      break
    }
  }

  static func has(_ value: Value, type: String) -> Bool {
    switch (type, value) {
    case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number): true
    case ("integer", .number(let number)): number == number.rounded()
    default: false
    }
  }

  static func describe(_ number: Double) -> String { UserError.describe(.number(number)).replacingOccurrences(of: "number ", with: "") }
}
