"""The widget contract: parameters, outputs, figures, descriptions and the static grid."""
