// The syntax of GateLang .gate specs: tasks, networks built from blocks, weight overrides,
// and how to train them. This file is the single source of the syntax. grammar/generate.sh turns it
// into the C# lexer and parser under src/GateLang/Syntax/Generated.
//
// Setting keys and block kinds are plain names here, so that the binder can report an
// unknown one with a "did you mean" suggestion. Line breaks carry no meaning, and each
// statement may end with an optional ';'.
grammar GateLang;

spec
    : declaration* EOF
    ;

declaration
    : taskDeclaration
    | networkDeclaration
    ;

taskDeclaration
    : TASK name=IDENT LBRACE setting* RBRACE SEMI?
    ;

networkDeclaration
    : NETWORK name=IDENT FOR task=IDENT LBRACE networkMember* RBRACE SEMI?
    ;

networkMember
    : setting
    | letDeclaration
    | blockDeclaration
    | readoutDeclaration
    | overrideDeclaration
    | trainDeclaration
    ;

// How to train a network of this shape with gradient descent; word values such as
// 'arch = gru' are names that the binder checks.
trainDeclaration
    : TRAIN LBRACE setting* RBRACE SEMI?
    ;

// A block kind is a keyword, or any name so that the binder can suggest the closest kind.
blockDeclaration
    : kind=(MEMORY | CLOCK | SWITCH | IDENT) name=IDENT LBRACE setting* RBRACE SEMI?
    ;

letDeclaration
    : LET name=IDENT ASSIGN expression SEMI?
    ;

// A '-' before a block name reads that block with the opposite sign.
readoutDeclaration
    : READOUT ASSIGN readoutItem (COMMA readoutItem)* SEMI?
    ;

readoutItem
    : MINUS? name=IDENT
    ;

// Sets (=) or scales (*=) entries of a compiled matrix or bias after lowering, such as
// 'override z.hh[mem[3], clk[6]] = -25' or 'override readout.bias[blank] *= 2'. The target
// names a gate and a parameter, or 'readout'; each selector names a block, an input or an
// output class, optionally with one index or an index range.
overrideDeclaration
    : OVERRIDE target=overrideTarget op=(ASSIGN | STAR_ASSIGN) value=expression SEMI?
    ;

overrideTarget
    : matrix=(IDENT | READOUT) (DOT part=IDENT)? LBRACK selector (COMMA selector)? RBRACK
    ;

selector
    : name=IDENT (LBRACK first=expression (RANGE last=expression)? RBRACK)?
    ;

setting
    : key=IDENT ASSIGN settingValue SEMI?
    ;

// A range min..max and a list [a, b, ...] may appear only as a whole setting value.
settingValue
    : min=expression (RANGE max=expression)?                 # scalarOrRangeValue
    | LBRACK (expression (COMMA expression)* COMMA?)? RBRACK # listValue
    ;

// Alternatives are listed from the highest precedence to the lowest: '^' (right-associative),
// unary minus, then '*' '/', then '+' '-'. So -2^2 is -(2^2) and -2*3 is (-2)*3.
// A call such as any(symbols, dec) combines the signals that drive a block's gates; the
// binder checks where calls may appear.
expression
    : <assoc=right> left=expression op=CARET right=expression # powerExpression
    | op=MINUS operand=expression                            # negateExpression
    | left=expression op=(STAR | SLASH) right=expression     # multiplicativeExpression
    | left=expression op=(PLUS | MINUS) right=expression     # additiveExpression
    | NUMBER                                                 # numberExpression
    | name=IDENT LPAREN (expression (COMMA expression)*)? RPAREN # callExpression
    | name=IDENT (DOT member=IDENT)?                         # nameExpression
    | LPAREN inner=expression RPAREN                         # parenthesizedExpression
    ;

TASK    : 'task' ;
NETWORK : 'network' ;
FOR     : 'for' ;
MEMORY  : 'memory' ;
CLOCK   : 'clock' ;
SWITCH  : 'switch' ;
READOUT : 'readout' ;
LET     : 'let' ;
TRAIN   : 'train' ;
OVERRIDE : 'override' ;

LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
LPAREN : '(' ;
RPAREN : ')' ;
ASSIGN : '=' ;
STAR_ASSIGN : '*=' ;
COMMA  : ',' ;
SEMI   : ';' ;
RANGE  : '..' ;
DOT    : '.' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
CARET  : '^' ;

// 3, 0.5, 1e-3. A number needs a digit on both sides of its '.', so 100..120 lexes as
// NUMBER RANGE NUMBER.
NUMBER
    : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)?
    ;

// ASCII names, plus the Greek letters alpha and beta as aliases of 'alpha' and 'beta'.
IDENT
    : [a-zA-Z_] [a-zA-Z0-9_]*
    | '\u03B1'
    | '\u03B2'
    ;

LINE_COMMENT
    : '//' ~[\r\n]* -> skip
    ;

WHITESPACE
    : [ \t\r\n\f\u00A0\uFEFF]+ -> skip
    ;

// Any other character becomes a token of its own, so the lexer never fails and the parser
// reports the character as the first syntax error.
INVALID_CHARACTER
    : .
    ;

fragment DIGITS
    : [0-9]+
    ;
