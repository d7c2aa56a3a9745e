-- busted output handler: the usual terminal report, then one summary line
-- "N passed, N failed" (errors count as failures) for CI logs and make test.
return function(options)
  local busted = require "busted"
  local handler = require("busted.outputHandlers.utfTerminal")(options)

  busted.subscribe({ "suite", "end" }, function()
    io.write(("%d passed, %d failed\n"):format(handler.successesCount,
      handler.failuresCount + handler.errorsCount))
    io.flush()
    return nil, true
  end)

  return handler
end
