"""Small helpers every app may import. Imports nothing of ours."""
