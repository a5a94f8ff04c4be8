import Shell
import Testing

@Suite struct ParserTests {
    private func parse(_ text: String) throws -> [Statement] {
        var parser = Parser(text)
        return try parser.statements()
    }

    private func literals(_ call: CommandCall) -> [String?] { call.words.map(\.literal) }

    @Test func quotingAndEscapes() throws {
        let statements = try parse(
            #"practice create --title "Gestión \"de\" crisis" --summary 'it is $not a variable' --x a\ b"#
        )
        guard case .run(let pipeline) = statements[0] else {
            Issue.record("not a run")
            return
        }
        #expect(
            literals(pipeline.commands[0]) == [
                "practice", "create", "--title", "Gestión \"de\" crisis", "--summary", "it is $not a variable", "--x",
                "a b",
            ]
        )
        #expect(pipeline.commands[0].words[3].quoted)
        #expect(!pipeline.commands[0].words[2].quoted && pipeline.commands[0].words[2].isFlag)
        let quotedFlag = try parse("practice show '--not-a-flag'")
        guard case .run(let quoted) = quotedFlag[0] else { return }
        #expect(!quoted.commands[0].words[2].isFlag)
    }

    @Test func separatorsCommentsAndContinuations() throws {
        let statements = try parse(
            "use cr; practice list  # all of them\n\nnews list \\\n  --status draft\n# only a comment"
        )
        #expect(statements.count == 3)
        guard case .run(let last) = statements[2] else { return }
        #expect(literals(last.commands[0]) == ["news", "list", "--status", "draft"])
        #expect(statements[2].position.line == 3)
        let windows = try parse("news list \\\r\n  --status draft\r\n")
        guard case .run(let crlf) = windows[0] else { return }
        #expect(literals(crlf.commands[0]) == ["news", "list", "--status", "draft"])
    }

    @Test func pipesAndAssignments() throws {
        let statements = try parse(
            "let drafts = news list --status draft --format ids\npractice list | practice delete --yes"
        )
        guard case .assign(let name, let pipeline, _) = statements[0] else {
            Issue.record("not an assignment")
            return
        }
        #expect(name == "drafts")
        #expect(literals(pipeline.commands[0]).prefix(2) == ["news", "list"])
        guard case .run(let piped) = statements[1] else { return }
        #expect(piped.commands.count == 2)
        #expect(literals(piped.commands[1]) == ["practice", "delete", "--yes"])
    }

    @Test func aPipelineIsWrittenBackAsTypedWithoutSecrets() throws {
        let text =
            #"user create ana --password 's3 cret' --display-name "Ana Mora" | news publish $ids "a \"b\"" x; "#
            + #"user create eve --password=x --yes 3; practice update 4 --submitter-contact a@b --add note=x"#
        let sources = try parse(text).map { statement -> String in
            guard case .run(let pipeline) = statement else { return "" }
            return pipeline.source { flag, value in
                flag == "password" || flag == "submitter-contact" || (flag == "add" && value.hasPrefix("note="))
            }
        }
        #expect(
            sources == [
                #"user create ana --password ... --display-name "Ana Mora" | news publish $ids "a \"b\"" x"#,
                "user create eve --password=... --yes 3", "practice update 4 --submitter-contact ... --add ...",
            ]
        )
    }

    @Test func variablesExpandOutsideSingleQuotes() throws {
        let statements = try parse(#"news publish $drafts "in $language" '$literal' x$y"#)
        guard case .run(let pipeline) = statements[0] else { return }
        let words = pipeline.commands[0].words
        #expect(words[2].parts == [.variable("drafts")])
        #expect(words[3].parts == [.text("in "), .variable("language")])
        #expect(words[4].literal == "$literal")
        #expect(words[5].parts == [.text("x"), .variable("y")])
    }

    @Test func errorsSayWhereAndWhetherMoreInputWouldHelp() {
        let unclosed = #expect(throws: ShellSyntaxError.self) { try parse("use cr\npractice create --title \"open") }
        #expect(unclosed?.position == SourcePosition(line: 2, column: 25))
        #expect(unclosed?.isIncomplete == true)
        let leadingPipe = #expect(throws: ShellSyntaxError.self) { try parse("| practice list") }
        #expect(leadingPipe?.position == SourcePosition(line: 1, column: 1))
        #expect(leadingPipe?.isIncomplete == false)
        let trailingPipe = #expect(throws: ShellSyntaxError.self) { try parse("practice list |") }
        #expect(trailingPipe?.isIncomplete == true)
        let badLet = #expect(throws: ShellSyntaxError.self) { try parse("let 9x = practice list") }
        #expect(badLet?.message.contains("variable name") == true)
        let backslash = #expect(throws: ShellSyntaxError.self) { try parse("practice list \\") }
        #expect(backslash?.isIncomplete == true)
    }
}
