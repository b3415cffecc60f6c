/// The App's own PostgreSQL (`spec.db.cnpg`): a CloudNativePG `Cluster` named after the App in its
/// target namespace. The operator makes the Secret `<app>-app` (`uri`, `host`, `port`, `username`,
/// `password`, `dbname`) from which the Deployment reads its connection.
struct CNPGDatabase {
  var instances: Int
  /// The volume of each instance, a Kubernetes quantity (`1Gi`).
  var storage: String
  /// `imageName`: an image, or the operator's PostgreSQL image of `version`; nil is the operator's default.
  var imageName: String?
  /// The database hibernates while the app sits at zero (`DatabaseHibernation`).
  var hibernate: Bool

  /// The image CloudNativePG publishes for each PostgreSQL version.
  static let imageRepository = "ghcr.io/cloudnative-pg/postgresql"

  /// Reads `spec.db.cnpg`, collecting every problem; nil when absent.
  static func read(_ fields: Fields) throws(UserError) -> CNPGDatabase? {
    guard fields.exists else { return nil }
    var problems = ProblemList()
    let instances = problems.check { () throws(UserError) in try fields.int("instances", default: 1, min: 1, max: 9)! }
    let storage = problems.check { () throws(UserError) in
      let size = try fields.string("storage", default: "1Gi")!
      guard isQuantity(size) else {
        throw .field(fields.fieldPath("storage"), expected: "a storage quantity such as 1Gi, 500Mi or 10G", got: .string(size))
      }
      return size
    }
    let version = problems.check { () throws(UserError) -> String? in
      guard let version = try fields.string("version") else { return nil }
      let parts = version.split(separator: ".", omittingEmptySubsequences: false)
      guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
        throw .field(fields.fieldPath("version"), expected: "a PostgreSQL version such as 17 or 16.4", got: .string(version))
      }
      return version
    } ?? nil
    let image = problems.check { () throws(UserError) in try fields.string("image") } ?? nil
    let hibernate = problems.check { () throws(UserError) in try fields.bool("hibernate", default: false)! }
    if version != nil && image != nil {
      problems.add(
        UserError(
          "\(fields.path): version and image are alternatives (image names the whole image, version picks "
            + "\(imageRepository):<version>); keep one of them", path: fields.path))
    }
    try problems.throwIfAny()
    return CNPGDatabase(
      instances: instances!, storage: storage!, imageName: image ?? version.map { "\(imageRepository):\($0)" }, hibernate: hibernate!)
  }

  /// `1Gi`, `500Mi`, `10G`, `1.5Ti`: a positive Kubernetes quantity as storage sizes are written.
  static func isQuantity(_ text: String) -> Bool {
    let suffixes = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E"]
    let number = text.dropLast(suffixes.first(where: { text.hasSuffix($0) })?.count ?? 0)
    let parts = number.split(separator: ".", omittingEmptySubsequences: false)
    let digits = (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    return digits && (Double(number) ?? 0) > 0
  }

  /// The Secret CloudNativePG writes the app's connection into.
  func secretName(_ app: AppSpec) -> String { "\(app.name)-app" }

  /// - Parameter hibernation: with `hibernate`, what the observed state decided.
  func cluster(_ app: AppSpec, hibernation: DatabaseHibernation.Decision?) -> Value {
    var spec: Value = ["instances": Value(instances), "storage": ["size": .string(storage)]]
    if let imageName { spec["imageName"] = .string(imageName) }
    let annotations: Value? = hibernation.map { [DatabaseHibernation.annotation: .string($0.hibernate ? "on" : "off")] }
    return [
      "apiVersion": "postgresql.cnpg.io/v1", "kind": "Cluster", "metadata": AppComposition.metadata(app, annotations: annotations),
      "spec": spec,
    ]
  }
}
