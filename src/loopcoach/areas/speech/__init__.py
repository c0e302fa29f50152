"""Spoken answers: decode audio, transcribe it offline with Whisper, and coach the delivery.

``audio`` turns an uploaded file into 16 kHz mono samples (PyAV) and refuses
what is not usable speech; ``recognizer`` runs Whisper tiny.en on
CTranslate2 with word timestamps and finds the voiced spans with the Silero
VAD that faster-whisper ships; ``delivery`` is the pure analysis of words and
spans: pace, fillers, hedges, pauses and the time against the answer's
budget. The recogniser comes from the optional ``speech`` extra.
"""
