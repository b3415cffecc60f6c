/// The App's own PostgreSQL (`spec.db.cnpg`): a CloudNativePG `Cluster` named after the App in its
/// target namespace. The operator makes the Secret `<app>-app` (`uri`, `host`, `port`, `username`,
/// `password`, `dbname`) from which the Deployment reads its connection.
extension CNPGDatabase {
  /// - Parameter hibernation: with `hibernate`, what the observed state decided.
  ///
  /// The hibernation annotation is always written, `off` unless the database sleeps: a key that is
  /// no longer written stays on the live object under a merge patch, so removing `hibernate` while the
  /// database sleeps would otherwise leave it asleep under a running app.
  func cluster(_ app: AppSpec, hibernation: DatabaseHibernation.Decision?) -> Value {
    var spec: Value = ["instances": Value(instances), "storage": ["size": .string(storage)]]
    if let imageName { spec["imageName"] = .string(imageName) }
    let annotations: Value = [DatabaseHibernation.annotation: .string(hibernation?.hibernate == true ? "on" : "off")]
    return [
      "apiVersion": "postgresql.cnpg.io/v1", "kind": "Cluster", "metadata": AppComposition.metadata(app, annotations: annotations),
      "spec": spec,
    ]
  }
}
