function Find-RgOneDrive {
    <#
    .SYNOPSIS
        The first of the step's locations where OneDrive.exe exists (Test-RgFile), each %VARIABLE% expanded
        from this process's environment: per user under %LOCALAPPDATA%, per machine under %ProgramFiles% or
        %ProgramFiles(x86)% (reference 3.4, in its order). A location whose variable is not set is skipped.
        Shared by the oneDriveAccount probe and the oneDriveReset action.
    .PARAMETER Location
        The locations, unexpanded, e.g. '%LOCALAPPDATA%\Microsoft\OneDrive\OneDrive.exe'.
    .OUTPUTS
        The full path, or an empty string when OneDrive is not installed in any of them.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [string[]]$Location
    )
    foreach ($place in $Location) {
        # Expanded by hand: ExpandEnvironmentVariables keeps an unset %VARIABLE% on Windows but drops it elsewhere.
        $path = $place
        $variable = [regex]::Match($place, '^%([^%]+)%(.*)$')
        if ($variable.Success) {
            $root = [System.Environment]::GetEnvironmentVariable($variable.Groups[1].Value)
            if ([string]::IsNullOrEmpty($root)) {
                continue
            }
            $path = $root.TrimEnd('\') + $variable.Groups[2].Value
        }
        if (Test-RgFile -Path $path) {
            return $path
        }
    }
    ''
}
