-- A connector's codec (docs/codecs.md): the entry point its decoder is run by — detected from what the script
-- defines ('auto') or declared — and, apart from the decoder, its downlink encoder (encodeDownlink), kept for the
-- downlinks.
ALTER TABLE connectors ADD COLUMN decoder_entry varchar(16) NOT NULL DEFAULT 'auto';
ALTER TABLE connectors ADD COLUMN payload_encoder text;
