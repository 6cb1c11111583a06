"""Exports in the exchange standards people already use: Open Referral HSDS 3.0 (JSON, CSV), CPSV-AP RDF for
public services, schema.org JSON-LD, GraphML. Shared by the API (/exports) and the CLI (`kg export`)."""
