"""The local-versus-global bath study of [L]: qubits in a common bath, Jaynes-Cummings."""
