"""The tables: one Arrow schema per table (`schemas`) and the rows of each (`tables`)."""
