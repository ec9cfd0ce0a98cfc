"""Entities: named and unnamed mentions, truecasing, in-document coreference."""
