/// Kubernetes name rules, checked before anything is composed so that an invalid name is a Fatal
/// result naming the field instead of an apply error deep inside provider-kubernetes.
enum Naming {
  /// The longest RFC 1123 label.
  static let maxDNSLabelLength = 63

  /// RFC 1123 label: Namespaces, Services, label values. At most 63 characters.
  static func isDNSLabel(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard (1...maxDNSLabelLength).contains(bytes.count) else { return false }
    return bytes.enumerated().allSatisfy { index, byte in
      isLowerAlphanumeric(byte) || (byte == UInt8(ascii: "-") && index != 0 && index != bytes.count - 1)
    }
  }

  /// RFC 1123 subdomain: most object names. Dot-separated labels, at most 253 characters.
  static func isDNSSubdomain(_ name: String) -> Bool {
    guard (1...253).contains(name.utf8.count) else { return false }
    return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
      // Labels inside a subdomain are not limited to 63 characters on their own.
      let bytes = Array(part.utf8)
      guard let first = bytes.first, let last = bytes.last else { return false }
      return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
        && bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
  }

  private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  /// Why `name` (taken from the field at `path`) is not a DNS label; nil when it is one.
  static func dnsLabelProblem(_ name: String, at path: String) -> UserError? {
    guard !isDNSLabel(name) else { return nil }
    return .field(
      path,
      expected: "a DNS label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)",
      got: .string(name), wantsString: true)
  }

  /// Why a name derived from user input is not a valid object name; nil when it is one. `source` says
  /// which field(s) it comes from so the user knows what to shorten.
  static func derivedNameProblem(_ name: String, from source: String) -> UserError? {
    guard !isDNSSubdomain(name) else { return nil }
    return UserError(
      "\(source): the derived name \(UserError.quoted(name)) (\(name.utf8.count) characters) is not a valid "
        + "Kubernetes name (at most 253 lowercase letters, digits, '-' and '.'); use a shorter value")
  }
}
