#!/usr/bin/env python3
"""The intercom executable, as a user meets it (make test runs this file).

The REPL is driven through a real pseudo-terminal (pexpect): completion,
pretty output, help, an error and recovery, history written without the
token, Ctrl-D. The run, sandbox and api commands run as processes, checked
by their output and exit status; bad input must give one line on stderr and
exit 2 (or 1), never a stack trace. The README's REPL transcript is replayed
and must match what the REPL prints.

Ends with "N passed, N failed". INTERCOM_BIN overrides build/bin/intercom.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

import pexpect

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("INTERCOM_BIN", os.path.join(ROOT, "build", "bin", "intercom"))
TMP = tempfile.mkdtemp(prefix="intercom-cli-test-")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\r")
TOKEN = "tok-cli-test-SECRET-9f3a"


def clean_env(**extra):
    """The environment of a user with no LUA_PATH: the binary finds its package itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LUA_") and k != "INTERCOM_TOKEN"}
    env.update(TERM="xterm", HOME=TMP, INTERCOM_HISTORY=os.path.join(TMP, "history"))
    env.update(extra)
    return env


def run(args, env=None, input=None, timeout=30):
    """Runs the binary from / (any directory works); returns (status, stdout, stderr)."""
    p = subprocess.run([BIN] + args, cwd="/", env=env or clean_env(), input=input,
                       capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def one_line_error(status, err, want_status=(2,), mentions=None):
    assert status in want_status, f"exit status {status}, wanted {want_status}; stderr: {err!r}"
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, f"one line expected, got: {err!r}"
    assert lines[0].startswith("intercom: "), err
    assert "traceback" not in err.lower() and "[C]" not in err, err
    if mentions:
        for m in mentions:
            assert m in err, f"{m!r} not in {err!r}"


class Sandbox:
    """intercom sandbox as a child process."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([BIN, "sandbox"] + list(args), cwd="/", env=clean_env(),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()
        assert self.url.startswith("http://127.0.0.1:"), (self.url, self.proc.stderr.read())

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, err


class Repl:
    """The REPL in a pseudo-terminal."""

    def __init__(self, args=("--sandbox",), env=None, width=100):
        self.child = pexpect.spawn(BIN, list(args), cwd="/", env=env or clean_env(), encoding="utf-8",
                                   timeout=20, dimensions=(50, width))
        self.child.expect("Ctrl-D to quit.")
        self.banner = ANSI.sub("", self.child.before)
        self.child.expect("> ")

    def do(self, line):
        """Sends a line, returns what it printed (colour codes removed) up to the next prompt."""
        self.child.sendline(line)
        self.child.expect(r"\n> ")
        out = ANSI.sub("", self.child.before)
        return out.split("\n", 1)[1] if "\n" in out else ""

    def tab(self, text, then):
        """Types text, presses Tab, then types `then` and Enter: returns the output."""
        self.child.send(text + "\t")
        time.sleep(0.3)
        return self.do(then)

    def quit(self):
        # libedit prints the prompt before it puts the terminal in raw mode: a
        # Ctrl-D sent in between is read by the cooked terminal and lost (a
        # person never types that fast). Let the prompt settle first.
        time.sleep(0.3)
        self.child.sendcontrol("d")
        self.child.expect(pexpect.EOF)
        status = self.child.wait()  # not close(): it would signal a process still finishing
        self.child.close()
        assert status is not None, f"no exit status (signal {self.child.signalstatus})"
        return status


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


# ---- the REPL ---------------------------------------------------------------

@test
def repl_banner_names_the_sandbox_and_api_version():
    r = Repl()
    assert "client on a sandbox (workspace sandbox1) at http://127.0.0.1:" in r.banner, r.banner
    assert "API 2.15" in r.banner, r.banner
    assert r.quit() == 0


@test
def repl_completes_from_live_objects():
    r = Repl()
    out = r.tab("client.conta", "")  # client.conta<TAB> -> client.contacts
    assert "intercom.Service<contacts>" in out, out
    r.child.send("client.con\t\t")  # several: the second Tab lists them
    r.child.expect("client.conversations")
    r.child.sendcontrol("u")
    r.do("")
    out = r.tab("c = client.contacts:fi", '{ email = "ann@example.com" }')  # :fi -> :find
    out = r.tab("c.ema", "")  # c.ema -> c.email (email and email_domain share it)
    assert out.strip() == '"ann@example.com"', out
    out = r.tab("c:ta", "()")  # c:ta -> c:tags
    assert "intercom.Collection<GET /contacts/659b3b005a4d4258000000c9/tags>" in out, out
    out = r.tab("intercom.nu", "")  # intercom.*: intercom.null
    assert "null" in out, out
    assert r.quit() == 0


@test
def repl_prints_objects_as_typed_fields():
    r = Repl()
    out = r.do('client.contacts:find{ email = "ann@example.com" }')
    assert out.startswith("intercom.Contact<659b…> ann@example.com {"), out
    assert '\n  email = "ann@example.com",' in out, out
    assert re.search(r'\n  location = Location \{ city = "Dublin", ', out), out
    assert re.search(r"\n  null: .*avatar", out, re.S), out
    out = r.do("{ list = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } }")
    assert "list = { 1, 2, 3, ... 7 more }" in out, out
    out = r.do("client.contacts:all()")
    assert out.startswith("intercom.Collection<GET /contacts>"), out
    assert "[1] intercom.Contact<659b…> ann@example.com" in out, out
    assert "... 1 more of 6" in out, out
    assert r.quit() == 0


@test
def repl_colours_only_on_request():
    r = Repl()
    r.child.sendline("1")
    r.child.expect(r"\n> ")
    assert "\x1b[33m1" in r.child.before, repr(r.child.before)
    r.quit()
    r = Repl(args=("--sandbox", "--no-color"))
    r.child.sendline("1")
    r.child.expect(r"\n> ")
    assert "\x1b[" not in r.child.before, repr(r.child.before)
    r.quit()


@test
def repl_help_gives_http_operations_and_arguments():
    r = Repl()
    out = r.do("help(client.contacts)")
    assert re.search(r"\n  find +GET /contacts/\{contact_id\}\n", out), out
    assert "args: query (table, required)" in out, out
    out = r.do('help(client.contacts:find{ email = "ann@example.com" })')
    assert re.search(r"\n  add_tag +POST /contacts/\{contact_id\}/tags\n", out), out
    out = r.do("help(client)")
    assert "services (client.<name>):" in out and re.search(r"\n  get +GET \{path\}", out), out
    out = r.do("help(client.contacts:all())")
    assert re.search(r"\n  to_array +\(no request\)", out), out
    out = r.do("help()")
    assert "Tab completes" in out, out
    assert r.quit() == 0


@test
def repl_error_is_one_line_and_the_repl_goes_on():
    r = Repl()
    out = r.do('client.contacts:find("000000000000000000000000")')
    lines = out.strip().split("\n")
    assert len(lines) == 1, out
    assert re.match(r"intercom\.ResourceNotFound \(404 not_found\): Contact Not Found \(GET http://\S+\) "
                    r"request_id=\S+$", lines[0]), out
    out = r.do("nosuch.field")
    assert out.strip() == "stdin:1: attempt to index a nil value (global 'nosuch')", out
    out = r.do("1 + 1")
    assert out.strip() == "2", out
    r.child.sendline("for i = 1, 2 do")  # multi-line input: continues
    r.child.expect(">> ")
    r.child.sendline("print(i * 10)")
    r.child.expect(">> ")
    out = r.do("end")
    assert out.split() == ["10", "20"], out
    assert r.quit() == 0


@test
def repl_with_a_token_keeps_it_out_of_banner_output_and_history():
    sb = Sandbox()
    try:
        hist = os.path.join(TMP, "history-token")
        token_file = os.path.join(TMP, "token")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        for how in (dict(INTERCOM_TOKEN=TOKEN), {}):
            if os.path.exists(hist):
                os.remove(hist)
            args = ["--base-url", sb.url] + ([] if how else ["--token-file", token_file])
            r = Repl(args=args, env=clean_env(INTERCOM_HISTORY=hist, **how))
            assert TOKEN not in r.banner and sb.url in r.banner, r.banner
            seen = r.do("client") + r.do('client:get("/me")') + r.do("pairs(client)")
            r.do(f't = "{TOKEN}"')
            r.do('client2 = intercom.new{ token = "other-secret" }')
            r.do("kept = 1")
            assert r.quit() == 0
            text = open(hist).read()
            assert "kept" in text, text
            assert TOKEN not in text and "other-secret" not in text, text
            assert TOKEN not in seen, seen
            assert oct(os.stat(hist).st_mode & 0o777) == "0o600"
    finally:
        sb.stop()


@test
def repl_without_a_token_names_both_ways():
    status, out, err = run([])
    one_line_error(status, err, mentions=["INTERCOM_TOKEN", "--token-file"])


@test
def repl_ctrl_d_exits_zero():
    r = Repl()
    time.sleep(0.3)  # the prompt settles (see quit): keys typed before raw mode reach the cooked terminal
    r.child.send("1 +")
    # Ctrl-C ends the line by interrupting the REPL's read of the terminal:
    # sent as a person would, once the keys are echoed and the read resumed
    r.child.expect_exact("1 +")
    time.sleep(0.3)
    r.child.sendcontrol("c")  # Ctrl-C drops the line
    r.child.expect("> ")
    assert r.quit() == 0


# ---- intercom run -----------------------------------------------------------

@test
def run_runs_a_script_with_client_and_arg():
    script = os.path.join(TMP, "script.lua")
    with open(script, "w") as f:
        f.write('local ann = client.contacts:find{ email = "ann@example.com" }\n'
                'print(ann.name, arg[0] == ..., arg[1], select("#", ...), #sandbox:requests())\n')
    status, out, err = run(["run", "--sandbox", script, "x", "--flag"])
    assert status == 0 and err == "", (status, err)
    assert out == "Ann Lee\tfalse\tx\t2\t1\n", out


@test
def run_needs_no_token_when_the_script_makes_its_own_client():
    script = os.path.join(TMP, "own.lua")
    with open(script, "w") as f:
        f.write('print(intercom.VERSION ~= nil, type(intercom.new))\n')
    status, out, err = run(["run", script])
    assert (status, out, err) == (0, "true\tfunction\n", ""), (status, out, err)
    with open(script, "w") as f:
        f.write('print(client)\n')
    one_line_error(*run(["run", script])[::2], mentions=["INTERCOM_TOKEN"])


@test
def run_uncaught_error_is_one_line_and_exit_1():
    script = os.path.join(TMP, "fails.lua")
    with open(script, "w") as f:
        f.write('client.contacts:find("000000000000000000000000")\n')
    status, out, err = run(["run", "--sandbox", script])
    one_line_error(status, err, (1,), ["intercom.ResourceNotFound (404 not_found)"])
    with open(script, "w") as f:
        f.write('local function f() error("boom") end\nf()\n')
    status, out, err = run(["run", script])
    one_line_error(status, err, (1,), [script + ":1: boom"])
    with open(script, "w") as f:
        f.write('this is not lua\n')
    status, out, err = run(["run", script])
    one_line_error(status, err, (1,), [script + ":1:"])


# ---- intercom sandbox -------------------------------------------------------

@test
def sandbox_serves_until_a_signal_and_keeps_state_across_a_restart():
    state_dir = os.path.join(TMP, "state")
    os.mkdir(state_dir)
    state = os.path.join(state_dir, "sandbox.json")
    sb = Sandbox("--state", state)
    env = clean_env(INTERCOM_TOKEN="any")
    status, out, err = run(["api", "--base-url", sb.url, "POST", "/contacts",
                            "--data", '{"email":"kept@example.com","role":"user"}'], env=env)
    assert status == 0, err
    made = json.loads(out)["id"]
    status, err = sb.stop(signal.SIGTERM)
    assert status == 0, err
    assert "state saved" in err, err
    assert os.listdir(state_dir) == ["sandbox.json"], os.listdir(state_dir)  # no temporary file left
    json.load(open(state))
    sb = Sandbox("--state", state)
    status, out, err = run(["api", "--base-url", sb.url, "GET", "/contacts/" + made], env=env)
    assert status == 0 and json.loads(out)["email"] == "kept@example.com", (status, out, err)
    status, err = sb.stop(signal.SIGINT)
    assert status == 0, err


@test
def sandbox_without_state_starts_seeded_and_stops_on_sigint():
    sb = Sandbox("--port", "0", "--host", "127.0.0.1")
    status, out, err = run(["api", "--base-url", sb.url, "GET", "/contacts"], env=clean_env(INTERCOM_TOKEN="x"))
    assert status == 0 and json.loads(out)["total_count"] == 6, (status, out, err)
    assert sb.stop(signal.SIGINT)[0] == 0


# ---- intercom api -----------------------------------------------------------

@test
def api_prints_the_json_answer():
    status, out, err = run(["api", "--sandbox", "GET", "/contacts/659b3b005a4d4258000000c9"])
    assert status == 0 and err == "", err
    assert json.loads(out)["email"] == "ann@example.com"
    assert '"/contacts/659b3b005a4d4258000000c9/tags"' in out and "\\/" not in out, out  # "/" as is
    status, out, err = run(["api", "--sandbox", "get", "/contacts", "--query", "per_page=2"])
    assert status == 0 and len(json.loads(out)["data"]) == 2, out
    # backslashes and their escapes survive the "/" unescaping
    name = 'a\\/b \\\\/c "q" \\u002f /d'
    status, out, err = run(["api", "--sandbox", "POST", "/contacts", "--data",
                            json.dumps({"email": "slash@example.com", "name": name})])
    assert status == 0 and json.loads(out)["name"] == name, (status, out, err)


@test
def api_paginates_as_an_array_or_ndjson():
    status, out, err = run(["api", "--sandbox", "GET", "/contacts", "--query", "per_page=2", "--paginate"])
    assert status == 0, err
    items = json.loads(out)
    assert isinstance(items, list) and len(items) == 6, out
    status, out, err = run(["api", "--sandbox", "GET", "/contacts", "--query", "per_page=2", "--paginate",
                            "--ndjson"])
    lines = out.strip().split("\n")
    assert status == 0 and len(lines) == 6 and all(json.loads(x)["type"] == "contact" for x in lines), out
    body = os.path.join(TMP, "search.json")
    with open(body, "w") as f:
        json.dump({"query": {"field": "role", "operator": "=", "value": "user"}, "pagination": {"per_page": 1}}, f)
    status, out, err = run(["api", "--sandbox", "POST", "/contacts/search", "--data", "@" + body, "--paginate"])
    assert status == 0 and len(json.loads(out)) > 1, (out, err)


@test
def api_error_is_exit_1_with_the_error_line():
    status, out, err = run(["api", "--sandbox", "GET", "/contacts/000000000000000000000000"])
    one_line_error(status, err, (1,), ["intercom.ResourceNotFound (404 not_found)", "request_id="])
    assert out == ""


# ---- bad input ----------------------------------------------------------------

@test
def bad_input_is_one_line_and_exit_2():
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = str(busy.getsockname()[1])
    cases = [
        (["--bogus"], ["unknown option '--bogus'"]),
        (["api", "--sandbox", "GET", "/me", "--nope"], ["unknown option '--nope'"]),
        (["frobnicate"], ["unknown command 'frobnicate'"]),
        (["run", os.path.join(TMP, "missing.lua")], ["cannot open script", "missing.lua"]),
        (["run"], ["needs a script"]),
        (["sandbox", "--port", port], ["Address already in use"]),
        (["sandbox", "--port", "http"], ["--port"]),
        (["sandbox", "--state", TMP], ["cannot read --state file", "Is a directory"]),
        (["api", "--sandbox", "POST", "/contacts", "--data", "{bad"], ["--data is not valid JSON"]),
        (["api", "--sandbox", "POST", "/contacts", "--data", "@" + os.path.join(TMP, "none.json")],
         ["cannot read --data file"]),
        (["api", "--sandbox", "GET", "/contacts", "--query", "nokey"], ["--query takes k=v"]),
        (["api", "--sandbox", "FETCH", "/contacts"], ["METHOD must be"]),
        (["api", "--sandbox", "GET", "contacts"], ["PATH must start with '/'"]),
        (["api", "--sandbox", "GET", "/contacts", "--ndjson"], ["--ndjson goes with --paginate"]),
        (["--sandbox", "--region", "mars"], ["--sandbox cannot go with"]),
        (["--region", "mars"], ["INTERCOM_TOKEN"]),
        (["api", "--region", "mars", "GET", "/me"], ["region"]),
        (["--token-file", os.path.join(TMP, "none")], ["cannot read --token-file"]),
    ]
    env = clean_env()
    for args, mentions in cases:
        if args[:2] == ["api", "--region"]:
            env = clean_env(INTERCOM_TOKEN="x")
        status, out, err = run(args, env=env)
        try:
            one_line_error(status, err, (2,), mentions)
        except AssertionError as e:
            raise AssertionError(f"{args}: {e}")
    busy.close()
    bad_state = os.path.join(TMP, "bad-state.json")
    with open(bad_state, "w") as f:
        f.write('{"not": "a state"}')
    one_line_error(*run(["sandbox", "--state", bad_state])[::2], mentions=["not a saved sandbox state"])


@test
def help_lists_every_subcommand():
    status, out, err = run(["--help"])
    assert status == 0 and err == ""
    for usage in ("intercom [FLAGS]", "intercom run ", "intercom api ", "intercom sandbox ", "--sandbox",
                  "--token-file", "--region", "--base-url", "--api-version", "--paginate", "--ndjson",
                  "--state", "--port", "--host", "--data", "--query"):
        assert usage in out, usage
    assert run(["help"])[1] == out
    assert run(["--version"])[1].startswith("intercom ")


# ---- the README's transcript ------------------------------------------------

def normalize(text):
    text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
    return re.sub(r"request_id=\S+", "request_id=ID", text)


@test
def readme_transcript_is_what_the_repl_prints():
    readme = open(os.path.join(ROOT, "README.md")).read()
    m = re.search(r"<!-- repl-transcript: (.*?) -->\n```text\n(.*?)```", readme, re.S)
    assert m, "README.md has no <!-- repl-transcript: ... --> block"
    command, transcript = m.group(1).split(), m.group(2)
    assert command[0] == "intercom"
    lines = transcript.split("\n")
    assert lines[0] == "$ " + " ".join(command), lines[0]
    r = Repl(args=command[1:] + ["--no-color"], width=100)
    got = ["$ " + " ".join(command)] + r.banner.strip("\n").split("\n")
    got[-1] += "Ctrl-D to quit."
    for line in lines[1:]:
        if line.startswith("> "):
            got.append(line)
            got.extend(r.do(line[2:]).rstrip("\n").split("\n"))
    r.quit()
    want = normalize("\n".join(x for x in lines if x != ""))
    have = normalize("\n".join(x for x in got if x != ""))
    if want != have:
        raise AssertionError("README transcript differs from a real session:\n" + have)


def main():
    if not os.access(BIN, os.X_OK):
        print(f"{BIN} is not built")
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    only = sys.argv[1:]
    for fn in TESTS:
        if only and not any(o in fn.__name__ for o in only):
            continue
        try:
            fn()
            passed += 1
            print(f"ok {fn.__name__}")
        except Exception:
            failed += 1
            print(f"FAILED {fn.__name__}")
            traceback.print_exc(limit=3)
    shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
