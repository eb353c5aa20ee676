/// The version `casesample --version` prints.
let caseSampleVersion = "0.1.0"
