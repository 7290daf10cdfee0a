"""Validate: turn raw sheets into typed tables, collecting every problem (inputs.md)."""
