/// The App's own PostgreSQL (`spec.db.cnpg`): a CloudNativePG `Cluster` named after the App in its
/// target namespace. The operator makes the Secret `<app>-app` (`uri`, `host`, `port`, `username`,
/// `password`, `dbname`) from which the Deployment reads its connection.
extension CNPGDatabase {
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
