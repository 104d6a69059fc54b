"""The raw material of the demo desk: an IT staffing agency around Milwaukee."""

from __future__ import annotations

# (city, state, ZIP, lat, lon, zone, area codes, weight)
CITIES: list[tuple[str, str, str, float, float, str, tuple[str, ...], int]] = [
    ("Milwaukee", "WI", "53202", 43.0389, -87.9065, "America/Chicago", ("414",), 34),
    ("Waukesha", "WI", "53186", 43.0117, -88.2315, "America/Chicago", ("262",), 10),
    ("Kenosha", "WI", "53140", 42.5847, -87.8212, "America/Chicago", ("262",), 8),
    ("Racine", "WI", "53403", 42.7261, -87.7829, "America/Chicago", ("262",), 7),
    ("Sheboygan", "WI", "53081", 43.7508, -87.7145, "America/Chicago", ("920",), 5),
    ("Madison", "WI", "53703", 43.0731, -89.4012, "America/Chicago", ("608",), 10),
    ("Green Bay", "WI", "54301", 44.5133, -88.0133, "America/Chicago", ("920",), 6),
    ("Chicago", "IL", "60601", 41.8781, -87.6298, "America/Chicago", ("312", "773"), 10),
    ("Denver", "CO", "80202", 39.7392, -104.9903, "America/Denver", ("303",), 2),
    ("Phoenix", "AZ", "85004", 33.4484, -112.0740, "America/Phoenix", ("602",), 2),
    ("Los Angeles", "CA", "90012", 34.0522, -118.2437, "America/Los_Angeles", ("213",), 2),
    ("New York", "NY", "10007", 40.7128, -74.0060, "America/New_York", ("212",), 2),
    ("Reno", "NV", "89501", 39.5296, -119.8138, "America/Los_Angeles", ("775",), 1),
    ("Hartford", "CT", "06103", 41.7658, -72.6734, "America/New_York", ("860",), 1),
]

FIRST_NAMES = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
    "Joseph Jessica Thomas Sarah Christopher Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra "
    "Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda "
    "Brian Melissa Timothy Deborah Ryan Stephanie Jacob Rebecca Gary Sharon Nicholas Laura Eric Cynthia "
    "Jonathan Amy Justin Kathleen Scott Angela Brandon Shirley Benjamin Brenda Samuel Emma Gregory Anna "
    "Alexander Pamela Patrick Nicole Frank Samantha Raymond Katherine Jack Christine Dennis Helen Jerry "
    "Debra Tyler Rachel Aaron Carolyn Jose Janet Adam Maria Nathan Olivia Henry Heather Zachary Diane "
    "Douglas Julie Peter Joyce Kyle Victoria Noah Ruth Ethan Virginia Jeremy Lauren Walter Kelly "
    "Christian Christina Keith Joan Roger Evelyn Terry Judith Austin Andrea Sean Hannah Gerald Megan Carl "
    "Cheryl Harold Jacqueline Dylan Martha Arthur Madison Lawrence Teresa Jordan Gloria Jesse Sara Bryan "
    "Janice Billy Ann Bruce Kathryn Gabriel Abigail Joe Sophia Logan Frances Alan Jean Juan Alice Albert "
    "Judy Willie Isabella Elijah Julia Wayne Grace Randy Amber Vincent Denise Mason Danielle Roy Marilyn "
    "Ralph Beverly Bobby Charlotte Russell Natalie Bradley Theresa Philip Diana Eugene Brittany Priya Wei "
    "Mohammed Aisha Tomasz Agnieszka Hmong Pa Xiong Mai Luis Ana Carlos Sofia Dmitri Olga Kwame Ama "
    "Hiroshi Yuki "
).split()

LAST_NAMES = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
    "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
    "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams "
    "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Kowalski Nowak Schmidt Schneider Mueller "
    "Wagner Becker Hoffmann Schultz Koch Richter Klein Wolf Neumann Schwarz Zimmermann Braun Krueger "
    "Hofmann Lange Schmitt Werner Krause Meier Lehmann Olson Larson Hanson Johnsen Petersen Nielsen "
    "Lindqvist Berg Vang Xiong Lor Yang Thao Moua Her Kaczmarek Wisniewski Lewandowski Zielinski "
    "Szymanski Wozniak Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski "
    "O'Brien O'Connor Murphy Kelly Sullivan Walsh Byrne Ryan Patel Shah Singh Kumar Chen Wang Li Zhang "
    "Liu Kim Park Choi Tanaka Sato Okafor Mensah Haddad Khalil Novak Horvat Dvorak Borresen Jorgensen "
).split()

# (title, family, seniority, skills)
ROLES: list[tuple[str, str, int, tuple[str, ...]]] = [
    ("Help Desk Technician", "support", 1, ("help desk", "windows", "active directory", "office 365", "ticketing")),
    ("Desktop Support Specialist", "support", 2, ("windows", "active directory", "sccm", "hardware", "office 365")),
    ("IT Support Manager", "support", 4, ("itil", "servicenow", "team leadership", "windows", "budgeting")),
    ("Network Administrator", "network", 2, ("cisco", "ccna", "routing", "switching", "firewalls", "vpn")),
    ("Senior Network Engineer", "network", 3, ("cisco", "ccnp", "bgp", "ospf", "palo alto", "sd-wan")),
    ("Network Architect", "network", 4, ("cisco", "ccie", "data center", "sd-wan", "network design")),
    ("Systems Administrator", "systems", 2, ("windows server", "vmware", "active directory", "powershell", "backup")),
    ("Linux Systems Engineer", "systems", 3, ("linux", "red hat", "bash", "ansible", "vmware")),
    ("Cloud Engineer", "cloud", 3, ("aws", "azure", "terraform", "kubernetes", "python")),
    ("DevOps Engineer", "cloud", 3, ("kubernetes", "docker", "jenkins", "terraform", "aws", "python")),
    ("Junior Software Developer", "software", 1, ("javascript", "html", "css", "sql", "git")),
    ("Software Engineer", "software", 2, ("java", "spring", "sql", "rest", "git")),
    (".NET Developer", "software", 2, ("c#", ".net", "asp.net", "sql server", "azure")),
    ("Senior Software Engineer", "software", 3, ("java", "python", "microservices", "aws", "kubernetes")),
    ("Lead Software Engineer", "software", 4, ("java", "architecture", "microservices", "team leadership", "aws")),
    ("Front-End Developer", "software", 2, ("javascript", "react", "typescript", "css", "html")),
    ("Data Analyst", "data", 2, ("sql", "excel", "tableau", "power bi", "python")),
    ("Data Engineer", "data", 3, ("python", "sql", "spark", "airflow", "snowflake")),
    ("Database Administrator", "data", 3, ("sql server", "oracle", "postgresql", "performance tuning", "backup")),
    ("Security Analyst", "security", 2,
     ("siem", "splunk", "incident response", "firewalls", "vulnerability management")),
    ("Information Security Manager", "security", 4,
     ("cissp", "risk management", "compliance", "siem", "team leadership")),
    ("QA Analyst", "quality", 2, ("manual testing", "selenium", "jira", "sql", "test plans")),
    ("Business Analyst", "business", 2, ("requirements", "sql", "jira", "process mapping", "visio")),
    ("IT Project Manager", "business", 3, ("pmp", "agile", "scrum", "budgeting", "stakeholder management")),
    ("IT Director", "leadership", 4, ("it strategy", "budgeting", "vendor management", "team leadership", "itil")),
    ("Director of Engineering", "leadership", 4, ("architecture", "team leadership", "agile", "hiring", "aws")),
    ("Chief Information Officer", "leadership", 5, ("it strategy", "digital transformation", "board reporting",
                                                    "budgeting", "vendor management")),
    ("VP of Technology", "leadership", 5, ("it strategy", "architecture", "team leadership", "m&a", "budgeting")),
]

CLIENTS: list[tuple[str, str, str]] = [
    ("Lakeshore Health Partners", "Milwaukee", "WI"),
    ("Badger Freight Systems", "Waukesha", "WI"),
    ("Kenosha Precision Manufacturing", "Kenosha", "WI"),
    ("Harbor Point Credit Union", "Racine", "WI"),
    ("Capitol Mutual Insurance", "Madison", "WI"),
    ("Titletown Logistics", "Green Bay", "WI"),
    ("Lakefront Software Co.", "Chicago", "IL"),
    ("Sheboygan Foods", "Sheboygan", "WI"),
]

EMPLOYER_WORDS_A = ("Great Lakes", "Northshore", "Cream City", "Brew City", "Menomonee", "Fox Valley", "Prairie",
                    "Kettle Moraine", "Riverwest", "Third Ward", "Bayview", "Lake Country", "Midwest", "Cardinal",
                    "Summit", "Pioneer", "Heritage", "Keystone", "Granite", "Beacon")
EMPLOYER_WORDS_B = ("Technologies", "Health", "Bank", "Manufacturing", "Logistics", "Insurance", "Systems",
                    "Foods", "Energy", "Retail", "Consulting", "Solutions", "Analytics", "Engineering", "Labs")

RECRUITERS: list[tuple[str, str]] = [
    ("andrew", "Andrew Borresen"),
    ("dana", "Dana Ruiz"),
    ("sam", "Sam Okafor"),
]

PROFILE_LINES = (
    "{years} years in {family} roles; most recently {title} at {employer}.",
    "Strong in {skill1} and {skill2}; looking for {wants}.",
    "Led a {skill1} rollout for a {size}-person organisation.",
    "Prefers {wants}; open to a {commute} commute.",
)

NOTES = {
    "no_answer": ("", "Rang out.", "No voicemail set up."),
    "voicemail": ("Left VM about the role.", "Short VM, will try again.", "VM: mentioned the client by industry."),
    "interested": ("Interested, wants details by email.", "Keen — asked about hybrid options.",
                   "Interested if the pay is right."),
    "declined": ("Not looking right now.", "Happy where they are, keep in touch.", "Said no to this one."),
    "callback": ("Asked to call back later this week.", "In a meeting, call back.", "Driving — call back."),
    "hung_up": ("Hung up after intro.", "Hung up.", "Said 'not interested' and hung up."),
    "referral": ("Declined but referred a former colleague.", "Passed along a name."),
}
