"""Optional language-model backends behind :class:`loopcoach.areas.interview.model.ChatModel`.

- :mod:`.http`: any OpenAI-compatible chat endpoint (llama.cpp's server,
  Ollama, vLLM, a hosted provider), spoken with the standard library only;
- :mod:`.embedded`: a GGUF file run in-process by ``llama-cpp-python``
  (the ``llm`` extra), imported only when that backend is chosen;
- :mod:`.factory`: the backend the settings choose, or None (the default).
"""
