// The syntax of GateLang .gate specs: tasks, and networks built from memory, clock and
// switch blocks, and how to train them. This file is the single source of the syntax. grammar/generate.sh turns it
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

readoutDeclaration
    : READOUT ASSIGN IDENT (COMMA IDENT)* SEMI?
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
expression
    : <assoc=right> left=expression op=CARET right=expression # powerExpression
    | op=MINUS operand=expression                            # negateExpression
    | left=expression op=(STAR | SLASH) right=expression     # multiplicativeExpression
    | left=expression op=(PLUS | MINUS) right=expression     # additiveExpression
    | NUMBER                                                 # numberExpression
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

LBRACE : '{' ;
RBRACE : '}' ;
LBRACK : '[' ;
RBRACK : ']' ;
LPAREN : '(' ;
RPAREN : ')' ;
ASSIGN : '=' ;
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
